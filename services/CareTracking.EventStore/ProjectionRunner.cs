using Microsoft.Extensions.Logging;
using Npgsql;

namespace CareTracking.EventStore;

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
