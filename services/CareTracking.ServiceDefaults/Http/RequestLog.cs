using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// One log line per request with the route template ("/api/children/{childId}"), never the path: paths and
/// query strings carry child ids, and logs leave the service's data protection (issue 10, item 6).
/// </summary>
internal sealed class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            // An exception's problem response is written by re-running the pipeline without the endpoint; the
            // handler's feature still holds the one that threw.
            var endpoint = http.GetEndpoint() ?? http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            logger.LogInformation("{Method} {Route} answered {StatusCode} in {ElapsedMs:0} ms",
                http.Request.Method, route, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
