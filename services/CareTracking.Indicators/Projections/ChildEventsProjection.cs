using System.Text.Json;
using CareTracking.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace CareTracking.Indicators.Projections;

/// <summary>
/// Keeps, per authority and child, every event the indicators are computed from, with its effective date and
/// the instant it was recorded. A committee query folds these per child "as at D" (events effective by D) and
/// "as known at K" (events recorded by K), so a report printed in July can be reproduced exactly later.
/// </summary>
public sealed class ChildEventsProjection(DocumentStore store) : IProjection
{
    public string Name => "indicators-child-events";
    private string Table => $"{store.Schema}.ind_child_events";

    public string[]? EventTypes { get; } = typeof(ChildEventsProjection).Assembly.GetTypes()
        .Select(t => t.GetCustomAttributes(typeof(EventTypeAttribute), false).OfType<EventTypeAttribute>().FirstOrDefault()?.StoredName)
        .OfType<string>().ToArray();

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            create table if not exists {Table} (
                authority text not null, child_id text not null, seq_id bigint not null, event_id uuid not null,
                event_type text not null, effective_date date null, recorded_at timestamptz not null, data jsonb not null,
                primary key (authority, child_id, seq_id));
            """, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> batch, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        // One multi-row insert per batch; on conflict keeps a replayed batch from doubling rows.
        await using var cmd = new NpgsqlCommand(
            $"""
            insert into {Table} (authority, child_id, seq_id, event_id, event_type, effective_date, recorded_at, data)
            select * from unnest(@a, @c, @s, @id, @t, @d, @r, @j)
            on conflict do nothing
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", batch.Select(e => e.Authority).ToArray());
        cmd.Parameters.AddWithValue("c", batch.Select(ChildOf).ToArray());
        cmd.Parameters.AddWithValue("s", batch.Select(e => e.Sequence).ToArray());
        cmd.Parameters.AddWithValue("id", batch.Select(e => e.EventId).ToArray());
        cmd.Parameters.AddWithValue("t", batch.Select(e => e.EventType).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Array | NpgsqlDbType.Date)
        {
            Value = batch.Select(e => e.EffectiveDate is { } d ? (object)d : DBNull.Value).ToArray(),
        });
        cmd.Parameters.AddWithValue("r", batch.Select(e => e.RecordedAt).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter("j", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = batch.Select(e => JsonSerializer.Serialize(e.Data, e.Data.GetType(), EventTypeRegistry.Json)).ToArray(),
        });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Placements streams are per child; other services' events name the child in their data.</summary>
    private static string ChildOf(StoredEvent e) => e.StreamId;

    public async Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"truncate {Table}", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
