using System.Globalization;
using System.Threading.RateLimiting;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Requests are limited per authority and client: one client flooding a service (a runaway import, a scraper, a
/// stolen token) slows itself down, not the other authorities. Two token buckets each: writes (POST, PUT, PATCH,
/// DELETE), RateLimits:WriteBurst (default 1,000) refilled at RateLimits:WritesPerSecond (default 200), far above a
/// case system's steady rate and the importer's, which retries a 429; and reads, RateLimits:ReadBurst (default 2,000)
/// refilled at RateLimits:ReadsPerSecond (default 500), far above what an authority's dashboards ask (a view is at
/// most about 20 reads; docs/security.md). Health and metrics are not limited: load balancers and scrapers must
/// always get an answer. Past a limit: 429 with Retry-After and a problem (type rate-limited), nothing queued. The
/// buckets are per instance (docs/security.md says why and what a deployment of several sets).
/// </summary>
public static class RateLimits
{
    public const int DefaultWriteBurst = 1_000;
    public const int DefaultWritesPerSecond = 200;
    public const int DefaultReadBurst = 2_000;
    public const int DefaultReadsPerSecond = 500;

    public static void AddRateLimits(IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (http.User.Identity?.IsAuthenticated != true || IsExempt(http.Request.Path))
                    return RateLimitPartition.GetNoLimiter("");
                var limits = http.RequestServices.GetRequiredService<IConfiguration>();
                var write = IsWrite(http.Request.Method);
                var (burst, perSecond) = write
                    ? (limits.GetValue("RateLimits:WriteBurst", DefaultWriteBurst), limits.GetValue("RateLimits:WritesPerSecond", DefaultWritesPerSecond))
                    : (limits.GetValue("RateLimits:ReadBurst", DefaultReadBurst), limits.GetValue("RateLimits:ReadsPerSecond", DefaultReadsPerSecond));
                return RateLimitPartition.GetTokenBucketLimiter($"{(write ? "write" : "read")}|{http.User.Authority()}|{http.User.Client()}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                var write = IsWrite(http.Request.Method);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = write ? "Too many writes" : "Too many reads",
                        Detail = write
                            ? $"This client of authority {http.User.Authority()} has sent more writes than the service takes at once; nothing was stored. Retry after {seconds} s."
                            : $"This client of authority {http.User.Authority()} has sent more reads than the service answers at once. Retry after {seconds} s.",
                        Type = "https://caretracking.example/problems/rate-limited",
                        Extensions = { ["retryAfterSeconds"] = seconds },
                    },
                });
            };
        });
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(Telemetry.Telemetry.MetricsPath);
}
