using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareTracking.ServiceDefaults.Health;

internal sealed class EventStoreHealth(DocumentStore store, SchemaInitializer schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!schema.IsApplied) return HealthCheckResult.Unhealthy("event store schema not applied yet");
        try
        {
            await using var conn = await store.DataSource.OpenConnectionAsync(ct);
            await using var cmd = new Npgsql.NpgsqlCommand("select 1", conn);
            await cmd.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable: " + e.GetType().Name);
        }
    }
}
