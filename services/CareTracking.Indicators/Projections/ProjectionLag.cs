using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareTracking.Indicators.Projections;

/// <summary>Each projection's lag (events committed but not yet projected) as data on /health/ready. A lag is
/// not a failure: the figures are served as far as projected, and the lag says how far that is.</summary>
public sealed class ProjectionLag(DocumentStore store, IEnumerable<IProjection> projections, ProjectionService runners) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object>();
        foreach (var projection in projections)
            data[projection.Name] = new
            {
                lag = await Checkpoints.LagAsync(store, projection.Name, projection.EventTypes, ct: ct),
                runningHere = runners.Runners.Any(r => r.Name == projection.Name && r.IsLeader),
            };
        return HealthCheckResult.Healthy("projection lag in events", data);
    }
}
