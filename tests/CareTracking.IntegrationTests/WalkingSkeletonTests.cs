using System.Net;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests;

/// <summary>POST to Placements → event in PostgreSQL → Indicators projection → GET, through the real servers.</summary>
public sealed class WalkingSkeletonTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    private async Task<long?> ClaAsync(HttpClient client, string asAt, long expected)
    {
        var body = await Eventually.Within(TimeSpan.FromSeconds(15),
            async () => await (await client.GetAsync($"/api/indicators/committee?asAt={asAt}")).Body(),
            b => (long?)b["measures"]?["cla"]?["value"] == expected);
        return (long?)body["measures"]?["cla"]?["value"];
    }

    [Fact]
    public async Task a_child_entering_care_is_counted_as_looked_after_by_the_committee_indicators()
    {
        // An authority of its own: other tests in this class add children to 831.
        var writer = placements.ClientFor("873", Scopes.PlacementsWrite);
        var reader = indicators.ClientFor("873", Scopes.IndicatorsRead);

        var response = await writer.Post("/api/children/skeleton-1/entered-care", Requests.EnteredCare(date: "2025-04-10"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(1, await ClaAsync(reader, "2025-05-01", 1));
        // Not yet in care the day before.
        Assert.Equal(0, await ClaAsync(reader, "2025-04-09", 0));
    }

    [Fact]
    public async Task another_authority_neither_sees_nor_counts_the_child()
    {
        var derby = placements.ClientFor("831", Scopes.PlacementsWrite, Scopes.PlacementsRead);
        var leicestershire = placements.ClientFor("855", Scopes.PlacementsWrite, Scopes.PlacementsRead);
        Assert.Equal(HttpStatusCode.Created, (await derby.Post("/api/children/tenancy-1/entered-care", Requests.EnteredCare())).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await leicestershire.GetAsync("/api/children/tenancy-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await derby.GetAsync("/api/children/tenancy-1")).StatusCode);
        // The same child id in the other authority is a different child: entering care there is no conflict.
        Assert.Equal(HttpStatusCode.Created, (await leicestershire.Post("/api/children/tenancy-1/entered-care", Requests.EnteredCare())).StatusCode);

        var leicsIndicators = indicators.ClientFor("855", Scopes.IndicatorsRead);
        Assert.Equal(1, await ClaAsync(leicsIndicators, "2025-06-01", 1));
    }

    [Fact]
    public async Task a_retried_post_with_the_same_event_id_gets_the_same_answer_and_appends_nothing()
    {
        var writer = placements.ClientFor("831", Scopes.PlacementsWrite);
        var eventId = Guid.NewGuid();

        var first = await writer.Post("/api/children/retry-1/entered-care", Requests.EnteredCare(eventId: eventId));
        var retry = await writer.Post("/api/children/retry-1/entered-care", Requests.EnteredCare(eventId: eventId));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.ETag?.Tag, retry.Headers.ETag?.Tag);
        Assert.Equal((string?)(await first.Body())["eventId"], (string?)(await retry.Body())["eventId"]);
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'retry-1'"));
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.ct_outbox where message_type like '%CarePeriodStarted' and body->>'childId' = 'retry-1'"));
    }

    [Fact]
    public async Task a_request_without_a_token_gets_401_and_one_without_the_scope_gets_403_as_problem_details()
    {
        var anonymous = placements.CreateClient();
        var wrongScope = placements.ClientFor("831", Scopes.IndicatorsRead);
        var forged = placements.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer",
            TestTokens.Make(new() { ["authority"] = "831", ["scope"] = Scopes.PlacementsWrite }, key: "a-different-key-that-nobody-configured-0123456789"));
        var noAuthority = placements.CreateClient();
        noAuthority.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.Make(new() { ["scope"] = Scopes.PlacementsWrite }));

        var responses = new[]
        {
            (await anonymous.Post("/api/children/auth-1/entered-care", Requests.EnteredCare()), HttpStatusCode.Unauthorized),
            (await forged.Post("/api/children/auth-1/entered-care", Requests.EnteredCare()), HttpStatusCode.Unauthorized),
            (await noAuthority.Post("/api/children/auth-1/entered-care", Requests.EnteredCare()), HttpStatusCode.Unauthorized),
            (await wrongScope.Post("/api/children/auth-1/entered-care", Requests.EnteredCare()), HttpStatusCode.Forbidden),
        };

        foreach (var (response, expected) in responses)
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'auth-1'"));
    }

    [Fact]
    public async Task health_endpoints_answer_without_a_token_and_ready_checks_the_database()
    {
        var client = placements.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await Eventually.Within(TimeSpan.FromSeconds(20), () => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Body();
        Assert.Equal("Healthy", (string?)body["checks"]?["postgresql"]?["status"]);
    }

    [Fact]
    public async Task openapi_describes_the_endpoints()
    {
        var response = await placements.CreateClient().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.Content.ReadAsStringAsync();
        Assert.Contains("/api/children/{childId}/entered-care", doc);
    }
}
