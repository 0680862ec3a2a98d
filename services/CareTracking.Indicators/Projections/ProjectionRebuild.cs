using System.Diagnostics;
using CareTracking.EventStore;

namespace CareTracking.Indicators.Projections;

public sealed record RebuildResult(string Projection, long Events, double Seconds, double EventsPerSecond);

/// <summary>
/// Recomputes the read model from position zero: empties it and its checkpoint (under the projection's
/// reset lock), then catches up in large batches. The background runner, which waits on the checkpoint
/// while a batch is applied, then carries on with whatever arrives afterwards.
/// </summary>
public sealed class ProjectionRebuild(DocumentStore store, ChildEventsProjection projection)
{
    public const int BatchSize = 100_000;

    public async Task<RebuildResult> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Checkpoints.ResetAsync(store, projection, ct);
        long events = 0;
        // Until a batch covers nothing: one that covered only events Indicators does not read still moved on.
        for (var batch = await projection.CatchUpAsync(BatchSize, ct); batch.Scanned > 0; batch = await projection.CatchUpAsync(BatchSize, ct))
            events += batch.Applied;
        var seconds = clock.Elapsed.TotalSeconds;
        return new RebuildResult(projection.Name, events, Math.Round(seconds, 3), seconds > 0 ? Math.Round(events / seconds) : 0);
    }
}
