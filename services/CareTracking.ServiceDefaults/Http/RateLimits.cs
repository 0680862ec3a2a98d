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
/// Writes (POST, PUT, PATCH, DELETE) are limited per authority and client: one case system flooding a service (a
/// runaway import, a stolen token) slows itself down, not the other authorities. A token bucket of
/// RateLimits:WriteBurst posts (default 1,000), refilled at RateLimits:WritesPerSecond (default 200): far above a case
/// system's steady rate and the importer's, which retries a 429. Reads are not limited here. Past the limit: 429 with
/// Retry-After and a problem (type rate-limited), nothing queued.
/// </summary>
public static class WriteRateLimits
{
    public static void AddWriteRateLimits(IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!IsWrite(http.Request.Method) || http.User.Identity?.IsAuthenticated != true)
                    return RateLimitPartition.GetNoLimiter("");
                var limits = http.RequestServices.GetRequiredService<IConfiguration>();
                return RateLimitPartition.GetTokenBucketLimiter($"{http.User.Authority()}|{http.User.Client()}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.GetValue("RateLimits:WriteBurst", 1_000),
                    TokensPerPeriod = limits.GetValue("RateLimits:WritesPerSecond", 200),
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
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many writes",
                        Detail = $"This client of authority {http.User.Authority()} has sent more writes than the service takes at once; nothing was stored. Retry after {seconds} s.",
                        Type = "https://caretracking.example/problems/rate-limited",
                        Extensions = { ["retryAfterSeconds"] = seconds },
                    },
                });
            };
        });
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
