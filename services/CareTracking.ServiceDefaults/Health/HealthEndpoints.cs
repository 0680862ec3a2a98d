using CareTracking.ServiceDefaults.Hosting;
using CareTracking.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.ServiceDefaults.Health;

internal static class HealthEndpoints
{
    /// <summary>Ready means the event store answers, the outbox flows and projections keep up; live means the
    /// process does.</summary>
    public static void AddHealth(IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<EventStoreHealth>("postgresql", tags: ["ready"])
            .AddCheck<OutboxHealth>("outbox", tags: ["ready"])
            .AddCheck<ProjectionLag>("projections", tags: ["ready"]);

    /// <param name="app">The service.</param>
    /// <param name="details">Check descriptions and data (hosts, broker endpoints, errors) only in Development and
    /// Testing; an unauthenticated load balancer needs the status and nothing more.</param>
    public static void MapHealth(WebApplication app, bool details)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = (http, report) => HealthResponse.WriteAsync(http, report, details),
        }).AllowAnonymous(); // the outbox and projection checks, which span every authority, grant themselves background connections
    }
}
