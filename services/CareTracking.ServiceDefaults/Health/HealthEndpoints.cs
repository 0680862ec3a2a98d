using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.ServiceDefaults.Health;

internal static class HealthEndpoints
{
    /// <summary>Ready means the event store answers; live means the process does.</summary>
    public static void AddHealth(IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<EventStoreHealth>("postgresql", tags: ["ready"]);

    public static void MapHealth(WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
    }
}
