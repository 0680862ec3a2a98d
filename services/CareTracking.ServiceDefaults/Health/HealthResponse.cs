using System.Text.Json;
using CareTracking.EventStore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareTracking.ServiceDefaults.Health;

internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext http, HealthReport report, bool details)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => details
                ? (object)new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }
                : new { status = e.Value.Status.ToString() }),
        }, EventTypeRegistry.Json));
    }
}
