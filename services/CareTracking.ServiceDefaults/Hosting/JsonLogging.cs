using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CareTracking.ServiceDefaults.Hosting;

internal static class JsonLogging
{
    /// <summary>
    /// One JSON object a line, each with a UTC timestamp and the trace and span ids of the work it belongs to
    /// (a request, a consumed message, a relayed outbox message), and never a request path or body.
    /// </summary>
    public static void AddJsonLogsWithoutPersonalData(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
        // The scope every line carries: TraceId and SpanId, the same ids as the spans and a problem's traceId.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // Request and body logging stay off: bodies carry names and dates of birth. ASP.NET Core's hosting
        // category logs the path (/api/children/C00035) and, while enabled at all, opens a scope holding it on
        // every line of the request: it is off, and RequestLog writes one line per request with the route
        // template instead. Routing's "Executing endpoint" lines add nothing to that line.
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Every MassTransit publish of the services is the outbox relay's, which reports each failure itself: its
        // warning (one line, no stack), the outbox check on /health/ready, the parked counter. MassTransit logged each
        // one again as an "S-FAULT" error with a stack trace: for a care message the broker returned (no queue bound
        // yet) a second, louder line on every attempt. What MassTransit writes while the relay publishes has a category
        // of its own (BusTransport), turned down here; consumer faults, dead-letter moves and connection failures stay
        // under "MassTransit". Setting Logging:LogLevel:MassTransit.OutboxRelay brings the lines back.
        if (builder.Configuration[$"Logging:LogLevel:{Messaging.BusTransport.PublishLogCategory}"] is null)
            builder.Logging.AddFilter(Messaging.BusTransport.PublishLogCategory, LogLevel.Critical);
    }
}
