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
    /// <summary>The longest wait between attempts while the database or a batch keeps failing.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Runs one projection. Only one instance across all processes holds the projection's session advisory
/// lock; the lock lives on the same connection that reads the feed and writes the read model (an unpooled one,
/// see <see cref="Leadership"/>), so when that connection dies or the runner stops the lock is released and a
/// standby takes over within <see cref="ProjectionOptions.LeaderRetry"/>.
/// </summary>
public sealed class ProjectionRunner(DocumentStore store, IProjection projection, ProjectionOptions options, ILogger logger)
{
    private volatile bool isLeader;
    public bool IsLeader => isLeader;
    public string Name => projection.Name;
    private string LockKey => $"ct-projection:{store.Schema}:{projection.Name}";
    private readonly FeedInterest? interest = FeedInterest.For(projection.EventTypes, store.Types);

    /// <summary>Runs until cancelled, recovering from lost connections, database restarts and batches that
    /// fail; nothing it meets ends it (and with it the host).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            NpgsqlConnection? conn = null;
            var locked = false;
            try
            {
                conn = await Leadership.OpenAsync(store, projection.Name, ct);
                locked = await Leadership.TryLockAsync(conn, LockKey, ct);
                if (!locked)
                {
                    await Task.Delay(options.LeaderRetry, ct);
                    continue;
                }
                isLeader = true;
                logger.LogInformation("Projection {Projection} is running on this instance", projection.Name);
                while (!ct.IsCancellationRequested)
                {
                    var moved = await ProcessNextAsync(conn, ct);
                    failures = 0;
                    if (!moved) await Task.Delay(options.PollInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                failures++;
                logger.LogWarning(e, "Projection {Projection} lost its connection; retrying", projection.Name);
                await DelayQuietly(Leadership.Backoff(failures, options.LeaderRetry, options.MaxBackoff), ct);
            }
            catch (Exception e)
            {
                // A batch that cannot be applied (e.g. an event the projection cannot read) is retried, never
                // skipped: the projection stops advancing, its lag shows on the health endpoint, and the error
                // is logged, while the service itself stays up.
                failures++;
                logger.LogError(e, "Projection {Projection} failed to apply a batch; retrying", projection.Name);
                await DelayQuietly(Leadership.Backoff(failures, options.LeaderRetry * 5, options.MaxBackoff), ct);
            }
            finally
            {
                isLeader = false;
                if (conn is not null) await Leadership.ReleaseAsync(conn, LockKey, locked);
            }
        }
    }

    /// <summary>Reads one batch after the checkpoint and applies it with the new checkpoint in one transaction.
    /// Returns how many events were applied.</summary>
    public async Task<int> ProcessBatchAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var before = applied;
        await ProcessNextAsync(conn, ct);
        return (int)(applied - before);
    }

    private long applied;

    /// <summary>One batch; true when the checkpoint moved (events applied, or passed over as not this
    /// projection's), so the runner reads on at once instead of waiting a poll interval.</summary>
    private async Task<bool> ProcessNextAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        // for update: a concurrent reset waits for this batch, then starts from zero.
        var checkpoint = await Checkpoints.ReadAsync(store, conn, tx, projection.Name, ct, forUpdate: true);
        FeedBatch read;
        if (interest is null)
        {
            var all = await store.Feed.ReadAsync(conn, tx, checkpoint, options.BatchSize, null, ct);
            read = new FeedBatch(all, all.Count == 0 ? checkpoint : all[^1].Position, all.Count);
        }
        else
            read = await store.Feed.ReadBatchAsync(conn, tx, checkpoint, options.BatchSize, options.BatchSize * 10, interest, projection.Name, ct);
        if (read.Reach == checkpoint)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        if (read.Events.Count > 0) await projection.ApplyAsync(read.Events, conn, tx, ct);
        await Checkpoints.WriteAsync(store, conn, tx, projection.Name, read.Reach, ct);
        await tx.CommitAsync(ct);
        applied += read.Events.Count;
        return true;
    }

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct); } catch (OperationCanceledException) { }
    }
}

public static class Checkpoints
{
    /// <summary>The projection's checkpoint. With <paramref name="forUpdate"/> the row is locked until the
    /// transaction ends, and created at position zero first if missing: without a row there is nothing to lock,
    /// and a batch and a rebuild that both found none ran side by side and deadlocked on the read model.</summary>
    public static async Task<FeedPosition> ReadAsync(DocumentStore store, NpgsqlConnection conn, NpgsqlTransaction? tx, string name, CancellationToken ct, bool forUpdate = false)
    {
        if (forUpdate)
        {
            await using var seed = new NpgsqlCommand(
                $"insert into {store.Schema}.ct_projection_progress (name, tx_id, seq_id) values (@n, '0'::xid8, 0) on conflict do nothing", conn, tx);
            seed.Parameters.AddWithValue("n", name);
            await seed.ExecuteNonQueryAsync(ct);
        }
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

    /// <summary>Events committed after the checkpoint that the projection reads, among the first
    /// <paramref name="cap"/> committed after it: the projection's lag.</summary>
    public static async Task<long> LagAsync(DocumentStore store, string name, string[]? eventTypes, long cap = 1_000_000, CancellationToken ct = default) =>
        (await PendingAsync(store, name, eventTypes, cap, ct)).Lag;

    /// <summary>The lag, and the first version of a consumed type waiting after the checkpoint that the
    /// projection cannot read (it stops there, so this is why it does not advance).</summary>
    private static async Task<(long Lag, string? UnknownVersion)> PendingAsync(DocumentStore store, string name, string[]? eventTypes, long cap, CancellationToken ct)
    {
        var interest = FeedInterest.For(eventTypes, store.Types);
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        var position = await ReadAsync(store, conn, null, name, ct);
        await using var cmd = new NpgsqlCommand(
            interest is null
                ? $"""
                  select count(*), null::text from (select 1 from {store.Schema}.mt_events
                    where (tx_id, seq_id) > (@tx::text::xid8, @seq) limit @cap) pending
                  """
                : $"""
                  select count(*) filter (where type = any(@reads)), min(type) filter (where {FeedInterest.UnknownVersionSql("type")})
                  from (select type from {store.Schema}.mt_events where (tx_id, seq_id) > (@tx::text::xid8, @seq) limit @cap) pending
                  """, conn);
        cmd.Parameters.AddWithValue("tx", position.TxId.ToString());
        cmd.Parameters.AddWithValue("seq", position.Sequence);
        cmd.Parameters.AddWithValue("cap", cap);
        interest?.AddParameters(cmd);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1));
    }

    /// <summary>A projection's lag, when its checkpoint last moved, whether the checkpoint is ahead of the
    /// server's transaction ids (a restore into a new cluster restarts them below it, and the feed then returns
    /// nothing past the checkpoint), and a version of a consumed type waiting that it cannot read.</summary>
    public static async Task<CheckpointStatus> StatusAsync(DocumentStore store, string name, string[]? eventTypes, CancellationToken ct = default)
    {
        var (lag, unknown) = await PendingAsync(store, name, eventTypes, 1_000_000, ct);
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"select updated_at, tx_id > pg_snapshot_xmax(pg_current_snapshot()) from {store.Schema}.ct_projection_progress where name = @n", conn);
        cmd.Parameters.AddWithValue("n", name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new CheckpointStatus(lag, r.GetFieldValue<DateTimeOffset>(0), r.GetBoolean(1), unknown)
            : new CheckpointStatus(lag, null, false, unknown);
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

public sealed record CheckpointStatus(long Lag, DateTimeOffset? UpdatedAt, bool AheadOfServer, string? UnknownVersion = null);
