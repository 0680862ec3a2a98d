using Npgsql;

namespace CareTracking.EventStore;

/// <summary>
/// An asynchronous projection: applies batches of the global feed to its read model. Its writes go through
/// the given connection and transaction, which also carries the checkpoint, so a crash mid-batch neither
/// loses nor double-counts.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name: the checkpoint row and the advisory lock are keyed on it.</summary>
    string Name { get; }

    /// <summary>Stored event names it reads, or null for every event.</summary>
    string[]? EventTypes => null;

    Task ApplyAsync(IReadOnlyList<StoredEvent> batch, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct);

    /// <summary>Empties the read model, for a rebuild from position zero.</summary>
    Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct);
}
