using System.Diagnostics;
using CareTracking.EventStore;

namespace CareTracking.Indicators.Projections;

/// <summary>What a rebuild did. <paramref name="Events"/>: the events the rebuilt read model holds when it answers,
/// every one applied since the reset, by the rebuild's own batches or by the background runner's. <paramref name="ReachedHead"/>:
/// every event committed by the end of its catch-up is in. Otherwise <paramref name="HeldBack"/> of them (events it
/// reads, or a version it would stop at) still wait behind the feed's fence, a transaction that was still running
/// somewhere on the database server; the background runner applies them once it ends.</summary>
public sealed record RebuildResult(string Projection, long Events, double Seconds, double EventsPerSecond, bool ReachedHead, long HeldBack);

/// <summary>
/// Recomputes the read model from position zero: empties it and its checkpoint (under the projection's
/// reset lock), then catches up in large batches. The background runner, which waits on the checkpoint
/// while a batch is applied, then carries on with whatever arrives afterwards.
/// </summary>
public sealed class ProjectionRebuild(DocumentStore store, ChildEventsProjection projection)
{
    public const int BatchSize = 100_000;

    /// <summary>How long the rebuild waits, catching up, for a fence held back by a running transaction before it
    /// answers that it has not reached the head (10 s; a test shortens it, as the fence it holds is the server's).</summary>
    public TimeSpan FenceWait { get; set; } = TimeSpan.FromSeconds(10);

    public async Task<RebuildResult> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Checkpoints.ResetAsync(store, projection, ct);
        await CatchUpAsync(ct);
        // The feed reads only below the oldest running transaction, so a batch that covers nothing does not mean
        // the read model has every committed event: one transaction left open anywhere on the server holds back
        // everything committed after it began. The head is what is committed now.
        var head = await projection.SnapshotAsync(ct);
        var standing = await projection.StandingAsync(head, ct);
        var waited = Stopwatch.StartNew();
        while (standing.HeldBack > 0 && waited.Elapsed < FenceWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            await CatchUpAsync(ct);
            standing = await projection.StandingAsync(head, ct);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new RebuildResult(projection.Name, standing.Events, Math.Round(seconds, 3), seconds > 0 ? Math.Round(standing.Events / seconds) : 0,
            standing.HeldBack == 0, standing.HeldBack);
    }

    /// <summary>Until a batch covers nothing: one that covered only events Indicators does not read still moved on.</summary>
    private async Task CatchUpAsync(CancellationToken ct)
    {
        while ((await projection.CatchUpAsync(BatchSize, ct)).Scanned > 0) { }
    }
}
