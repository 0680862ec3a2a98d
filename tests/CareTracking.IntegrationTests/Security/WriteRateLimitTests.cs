using System.Net;
using System.Net.Http.Headers;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareTracking.IntegrationTests.Security;

/// <summary>Writes are rate-limited per authority and client (issue 10, item 10): past the bucket a write is a 429
/// with Retry-After and a problem, and nothing is stored; another authority, another client of the same authority,
/// and reads go on.</summary>
public sealed class WriteRateLimitTests(ServiceStack stack) : IClassFixture<ServiceStack>, IAsyncLifetime
{
    private WebApplicationFactory<PlacementsHost> placements = null!;

    public Task InitializeAsync()
    {
        // A bucket of 5 writes refilled at 1 a second, so a burst of 10 runs out within the test.
        placements = stack.Start<PlacementsHost>().WithWebHostBuilder(b => b
            .UseSetting("RateLimits:WriteBurst", "5")
            .UseSetting("RateLimits:WritesPerSecond", "1"));
        return Task.CompletedTask;
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
    public async Task past_its_bucket_a_clients_writes_get_429_with_retry_after_and_store_nothing_while_others_and_reads_go_on()
    {
        var flooding = Client("831", "case-system-a", Scopes.PlacementsWrite, Scopes.PlacementsRead);
        // All at once: the bucket (5) goes, then at most a refilled token or two while they are handled.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            flooding.Post($"/api/children/rl-{i}/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Created), 5, 7);
        Assert.Equal(10, statuses.Count(s => s is HttpStatusCode.Created or HttpStatusCode.TooManyRequests));
        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Body();
        Assert.Equal(("https://caretracking.example/problems/rate-limited", 429), ((string?)problem["type"], (int?)problem["status"]));
        // Nothing of a refused write was stored.
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Created),
            await stack.ScalarAsync("select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id like 'rl-%'"));

        // Another authority, and another client of the same authority, have buckets of their own; reads are not limited.
        Assert.Equal(HttpStatusCode.Created, (await Client("855", "case-system-a", Scopes.PlacementsWrite)
            .Post("/api/children/rl-other/entered-care", MissingRequests.EnteredCare("2025-04-10", "LE1 5WW"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Client("831", "case-system-b", Scopes.PlacementsWrite)
            .Post("/api/children/rl-b/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await flooding.GetAsync("/api/children/rl-0")).StatusCode);
    }
}
