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
        // Request and body logging stay off: bodies carry names and dates of birth.
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
    }
}
