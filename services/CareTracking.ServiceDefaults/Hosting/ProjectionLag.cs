using CareTracking.EventStore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareTracking.ServiceDefaults.Hosting;

/// <summary>
/// Each projection's lag (events committed but not yet projected) as data on /health/ready, in every service that
/// projects. A lag is not a failure: the figures are served as far as projected, and the lag says how far that
/// is. A lag whose checkpoint has not moved for <see cref="StuckAfter"/> is Degraded (a stuck fence: a long
/// transaction somewhere on the server, or a batch that keeps failing). A checkpoint ahead of the server's
/// transaction ids is Unhealthy: the database was restored into a new cluster, the feed returns nothing past
/// it, and the projection would stay silent for ever (docs/reliability.md, "Restoring into a new cluster").
/// So is a version of a consumed event type that this build cannot read (a ".v2" written by a newer service):
/// the projection stops there rather than skip it (<see cref="FeedInterest"/>).
/// </summary>
public sealed class ProjectionLag(DocumentStore store, IEnumerable<IProjection> projections, ProjectionService runners) : IHealthCheck
{
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var background = WorkerConnections.Grant("health check: projection lag"); // checkpoints span every authority
        var data = new Dictionary<string, object>();
        var stuck = new List<string>();
        var ahead = new List<string>();
        var unreadable = new List<string>();
        foreach (var projection in projections)
        {
            var status = await Checkpoints.StatusAsync(store, projection.Name, projection.EventTypes, ct);
            data[projection.Name] = new
            {
                lag = status.Lag,
                runningHere = runners.Runners.Any(r => r.Name == projection.Name && r.IsLeader),
                checkpointUpdatedAt = status.UpdatedAt,
            };
            if (status.UnknownVersion is { } storedName) unreadable.Add($"{projection.Name} waits at '{storedName}'");
            if (status.AheadOfServer) ahead.Add(projection.Name);
            else if (status.Lag > 0 && status.UpdatedAt is { } at && DateTimeOffset.UtcNow - at > StuckAfter) stuck.Add(projection.Name);
        }
        if (unreadable.Count > 0)
            return HealthCheckResult.Unhealthy(
                $"projections stopped at an event version this build cannot read ({string.Join("; ", unreadable)}): deploy a build that reads it or register an upcaster (docs/reliability.md, item 9)", data: data);
        if (ahead.Count > 0)
            return HealthCheckResult.Unhealthy(
                $"projection checkpoints ahead of this server's transaction ids ({string.Join(", ", ahead)}): restored from a dump into a new cluster? stop the services and run deploy/local/after-restore.sql (docs/reliability.md, item 6)", data: data);
        if (stuck.Count > 0)
            return HealthCheckResult.Degraded($"projections not advancing for over {StuckAfter.TotalMinutes:0} minutes with events waiting: {string.Join(", ", stuck)}", data: data);
        return HealthCheckResult.Healthy("projection lag in events", data);
    }
}
