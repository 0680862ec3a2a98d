using Microsoft.Extensions.Logging;
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

public sealed record ProjectionOptions
{
    public int BatchSize { get; init; } = 2_000;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>How often a standby instance tries to take over the projection.</summary>
    public TimeSpan LeaderRetry { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Runs one projection. Only one instance across all processes holds the projection's session advisory
/// lock; the lock lives on the same connection that reads the feed and writes the read model, so when that
/// connection dies the lock is released and a standby takes over within <see cref="ProjectionOptions.LeaderRetry"/>.
/// </summary>
public sealed class ProjectionRunner(DocumentStore store, IProjection projection, ProjectionOptions options, ILogger logger)
{
    private volatile bool isLeader;
    public bool IsLeader => isLeader;
    public string Name => projection.Name;

    /// <summary>Runs until cancelled, recovering from lost connections and database restarts.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
                if (!await TryLeadAsync(conn, ct))
                {
                    await Task.Delay(options.LeaderRetry, ct);
                    continue;
                }
                isLeader = true;
                logger.LogInformation("Projection {Projection} is running on this instance", projection.Name);
                while (!ct.IsCancellationRequested)
                    if (await ProcessBatchAsync(conn, ct) == 0)
                        await Task.Delay(options.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning(e, "Projection {Projection} lost its connection; retrying", projection.Name);
                await DelayQuietly(options.LeaderRetry, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A batch that cannot be applied (e.g. an event the projection cannot read) is retried, never
                // skipped: the projection stops advancing, its lag shows on the health endpoint, and the error
                // is logged, while the service itself stays up.
                logger.LogError(e, "Projection {Projection} failed to apply a batch; retrying", projection.Name);
                await DelayQuietly(options.LeaderRetry * 5, ct);
            }
            finally
            {
                isLeader = false;
            }
        }
    }

    private async Task<bool> TryLeadAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock(hashtext(@k))", conn);
        cmd.Parameters.AddWithValue("k", $"ct-projection:{store.Schema}:{projection.Name}");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Reads one batch after the checkpoint and applies it with the new checkpoint in one transaction.</summary>
    public async Task<int> ProcessBatchAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        // for update: a concurrent reset waits for this batch, then starts from zero.
        var checkpoint = await Checkpoints.ReadAsync(store, conn, tx, projection.Name, ct, forUpdate: true);
        var batch = await store.Feed.ReadAsync(conn, tx, checkpoint, options.BatchSize, projection.EventTypes, ct);
        if (batch.Count == 0)
        {
            await tx.RollbackAsync(ct);
            return 0;
        }
        await projection.ApplyAsync(batch, conn, tx, ct);
        await Checkpoints.WriteAsync(store, conn, tx, projection.Name, batch[^1].Position, ct);
        await tx.CommitAsync(ct);
        return batch.Count;
    }

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct); } catch (OperationCanceledException) { }
    }
}

public static class Checkpoints
{
    public static async Task<FeedPosition> ReadAsync(DocumentStore store, NpgsqlConnection conn, NpgsqlTransaction? tx, string name, CancellationToken ct, bool forUpdate = false)
    {
        await using var cmd = new NpgsqlCommand(
            $"select tx_id::text, seq_id from {store.Schema}.ct_projection_progress where name = @n{(forUpdate ? " for update" : "")}", conn, tx);
        cmd.Parameters.AddWithValue("n", name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new FeedPosition(ulong.Parse(r.GetString(0)), r.GetInt64(1)) : FeedPosition.Start;
    }

    public static async Task WriteAsync(DocumentStore store, NpgsqlConnection conn, NpgsqlTransaction tx, string name, FeedPosition position, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            insert into {store.Schema}.ct_projection_progress (name, tx_id, seq_id, updated_at) values (@n, @tx::text::xid8, @seq, now())
            on conflict (name) do update set tx_id = excluded.tx_id, seq_id = excluded.seq_id, updated_at = now()
            """, conn, tx);
        cmd.Parameters.AddWithValue("n", name);
        cmd.Parameters.AddWithValue("tx", position.TxId.ToString());
        cmd.Parameters.AddWithValue("seq", position.Sequence);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Events committed after the checkpoint, up to <paramref name="cap"/>: the projection's lag.</summary>
    public static async Task<long> LagAsync(DocumentStore store, string name, string[]? eventTypes, long cap = 1_000_000, CancellationToken ct = default)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        var position = await ReadAsync(store, conn, null, name, ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select count(*) from (select 1 from {store.Schema}.mt_events
              where (tx_id, seq_id) > (@tx::text::xid8, @seq) {(eventTypes is null ? "" : "and type = any(@types)")} limit @cap) pending
            """, conn);
        cmd.Parameters.AddWithValue("tx", position.TxId.ToString());
        cmd.Parameters.AddWithValue("seq", position.Sequence);
        cmd.Parameters.AddWithValue("cap", cap);
        if (eventTypes is not null) cmd.Parameters.AddWithValue("types", eventTypes);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Empties the read model and sets the checkpoint back to zero in one transaction, while
    /// holding the projection's lock so no runner writes meanwhile. The runner then rebuilds from zero.</summary>
    public static async Task ResetAsync(DocumentStore store, IProjection projection, CancellationToken ct = default)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext(@k))", conn, tx))
        {
            lockCmd.Parameters.AddWithValue("k", $"ct-projection-reset:{store.Schema}:{projection.Name}");
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        // Take the checkpoint row before the read model, in the order a batch takes them: a batch that holds the
        // row and is about to write the read model finishes first. The other order deadlocks with it (PostgreSQL
        // then cancels one side: a rebuild answered 503 under load).
        await Checkpoints.ReadAsync(store, conn, tx, projection.Name, ct, forUpdate: true);
        await projection.ResetAsync(conn, tx, ct);
        await using (var cmd = new NpgsqlCommand($"delete from {store.Schema}.ct_projection_progress where name = @n", conn, tx))
        {
            cmd.Parameters.AddWithValue("n", projection.Name);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }
}
