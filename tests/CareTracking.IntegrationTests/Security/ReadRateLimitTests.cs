using System.Net;
using System.Net.Http.Headers;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.Placements;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareTracking.IntegrationTests.Security;

/// <summary>Reads are rate-limited per authority and client too (issue 10, item 10), in a bucket apart from writes:
/// past it a read is a 429 with Retry-After and a problem; another authority, another client of the same authority,
/// the same client's writes, and health and metrics go on.</summary>
public sealed class ReadRateLimitTests(ServiceStack stack) : IClassFixture<ServiceStack>, IAsyncLifetime
{
    private WebApplicationFactory<PlacementsHost> placements = null!;

    public async Task InitializeAsync()
    {
        // A bucket of 5 reads refilled at 1 a second, so a burst of 10 runs out within the test.
        placements = stack.Start<PlacementsHost>().WithWebHostBuilder(b => b
            .UseSetting("RateLimits:ReadBurst", "5")
            .UseSetting("RateLimits:ReadsPerSecond", "1"));
        foreach (var (authority, child) in new[] { ("831", "rrl-1"), ("855", "rrl-2") })
            Assert.Equal(HttpStatusCode.Created, (await Client(authority, "case-system-w", Scopes.PlacementsWrite)
                .Post($"/api/children/{child}/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode);
    }

    public async Task DisposeAsync() => await placements.DisposeAsync();

    private HttpClient Client(string authority, string client, params string[] scopes)
    {
        var http = placements.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Make(new()
        {
            ["authority"] = authority,
            ["scope"] = string.Join(' ', scopes),
            ["client_id"] = client,
            ["sub"] = client,
        }));
        return http;
    }

    [Fact]
    public async Task past_its_bucket_a_clients_reads_get_429_with_retry_after_while_others_its_writes_and_health_go_on()
    {
        var flooding = Client("831", "dashboard-a", Scopes.PlacementsRead, Scopes.PlacementsWrite, Scopes.OpsMetrics);
        // All at once: the bucket (5) goes, then at most a refilled token or two while they are answered.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => flooding.GetAsync("/api/children/rrl-1")));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 5, 7);
        Assert.Equal(10, statuses.Count(s => s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Body();
        Assert.Equal(("https://caretracking.example/problems/rate-limited", 429, "Too many reads"),
            ((string?)problem["type"], (int?)problem["status"], (string?)problem["title"]));

        // Another authority, and another client of the same authority, have buckets of their own; so have its writes.
        Assert.Equal(HttpStatusCode.OK, (await Client("855", "dashboard-a", Scopes.PlacementsRead).GetAsync("/api/children/rrl-2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client("831", "dashboard-b", Scopes.PlacementsRead).GetAsync("/api/children/rrl-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await flooding
            .Post("/api/children/rrl-3/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode);
        // Health and metrics answer the same client however often it asks.
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics" })
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => flooding.GetAsync(path)));
            Assert.All(answers, a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        }
        Assert.Equal(HttpStatusCode.OK, (await flooding.GetAsync("/metrics")).StatusCode);
    }
}
