using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CareTracking.ServiceDefaults.Telemetry;

/// <summary>
/// Traces and metrics for every service (docs/telemetry.md). A trace runs from the HTTP request through the
/// event append, the outbox row (which keeps the request's traceparent), the relay's publish and RabbitMQ to
/// the consumer (MassTransit carries the W3C trace context in the message headers). Both are exported over
/// OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set; metrics are always readable in Prometheus text at
/// /metrics by a token with the ops:metrics scope, so an operator needs no collector. No span or metric
/// carries a request path, a stream id or a body: paths and stream ids hold child ids.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>Sources whose spans are recorded: the event store's (append, outbox relay) and MassTransit's
    /// (publish, consume).</summary>
    public static readonly string[] TraceSources = [EventStoreTelemetry.Name, "MassTransit"];

    /// <summary>Meters exported: HTTP requests (ASP.NET Core), the event store's appends, the outbox, the
    /// service's sampled gauges, police alerts, MassTransit and the runtime.</summary>
    public static readonly string[] Meters = [EventStoreTelemetry.Name, OutboxMetrics.Meter.Name, ServiceMetrics.Name, "MassTransit"];

    public static void AddTelemetry(WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSingleton<ServiceMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ServiceMetrics>());
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("caretracking-" + serviceName.ToLowerInvariant()))
            .WithTracing(tracing => tracing
                .AddSource(TraceSources)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !IsQuietPath(http.Request.Path);
                    // The span is named by route template ("POST /api/children/{childId}/moved"); the path
                    // itself holds a child id and leaves the span.
                    o.EnrichWithHttpResponse = (activity, _) => activity.SetTag("url.path", null);
                })
                .AddHttpClientInstrumentation(o =>
                    o.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is { } uri) activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority));
                    }))
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
    }

    /// <summary>GET /metrics: Prometheus text, for a token with the ops:metrics scope (the figures are
    /// aggregates, but they say how busy each authority's services are).</summary>
    public static void MapMetrics(WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Scopes.Policy(Scopes.OpsMetrics));

    /// <summary>Health probes and scrapes, polled every few seconds: no span for them.</summary>
    private static bool IsQuietPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
