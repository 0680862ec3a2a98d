using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CareTracking.ServiceDefaults.Hosting;

internal static class JsonLogging
{
    /// <summary>JSON logs with UTC timestamps, and never a request or its body.</summary>
    public static void AddJsonLogsWithoutPersonalData(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => { o.IncludeScopes = false; o.UseUtcTimestamp = true; });
        // Request and body logging stay off: bodies carry names and dates of birth. ASP.NET Core's own request
        // lines carry the path, and paths carry child ids (/api/children/C00035): they are replaced by
        // RequestLog, which logs the route template instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
    }
}
