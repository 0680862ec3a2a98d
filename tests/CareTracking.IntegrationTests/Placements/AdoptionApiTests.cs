using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Placements;

/// <summary>The adoption and social-worker endpoints of Placements through HTTP, against the real PostgreSQL and RabbitMQ.</summary>
public sealed class AdoptionApiTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private HttpClient Writer => placements.ClientFor("831", Scopes.PlacementsWrite, Scopes.PlacementsRead);

    private static readonly object PlacedForAdoption = new { type = "A5", provider = "PR1", postcode = "DE22 3NE", urn = "SC123456" };

    private async Task<long> EventsFor(string childId) =>
        await stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id = '{childId}'");

    private async Task Created(string url, object body)
    {
        var response = await Writer.Post(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task an_adoption_journey_and_its_social_workers_read_back_as_903_rows()
    {
        const string child = "adoption-journey-1";
        await Created($"/api/children/{child}/entered-care", new
        {
            date = "2024-04-10", legalStatus = "C2", categoryOfNeed = "N1",
            placement = new { type = "U4", provider = "PR1", postcode = "DE22 3NE", urn = "SC123456" }, homePostcode = "DE1 1AA",
            child = new { sex = "F", dateOfBirth = "2023-06-01", ethnicity = "WBRI", uasc = false },
            previousPermanence = new { option = "P2", date = "2023-11" },
        });
        await Created($"/api/children/{child}/social-workers", new { from = "2024-04-10", socialWorkerId = "SW100001", reason = "FCONTA" });
        await Created($"/api/children/{child}/adoption-decisions", new { date = "2024-06-01" });
        await Created($"/api/children/{child}/adoption-decision-reversals", new { date = "2024-07-01", reason = "RD2" });
        await Created($"/api/children/{child}/adoption-decisions", new { date = "2024-09-01" });
        await Created($"/api/children/{child}/social-workers", new { from = "2024-10-01", socialWorkerId = "XX0007", reason = "LEFTRL" });
        await Created($"/api/children/{child}/legal-status-changes", new { date = "2024-11-01", legalStatus = "E1" });
        await Created($"/api/children/{child}/adoption-matches",
            new { date = "2025-01-15", numberOfAdopters = 2, adopterSex = "MF", adopterLegalStatus = "L11", formerFosterCarers = true });
        await Created($"/api/children/{child}/placement-moves", new { date = "2025-02-01", placement = PlacedForAdoption, sameCarer = true, reason = "CARPL" });
        await Created($"/api/children/{child}/ceased-care", new { date = "2025-06-30", reason = "E11" });
        await Created($"/api/children/{child}/social-workers/end", new { date = "2025-06-30", reason = "OTHERS" });

        var permanence = await (await Writer.GetAsync($"/api/children/{child}/permanence")).Body();
        var placed = permanence["placedAdoption"]!.AsArray();
        Assert.Equal(["2024-06-01", "2024-09-01"], placed.Select(p => (string)p!["datePlaced"]!));
        Assert.Equal(["2024-07-01", null], placed.Select(p => (string?)p!["datePlacedCeased"]));
        Assert.Equal(["RD2", null], placed.Select(p => (string?)p!["reasonPlacedCeased"]));
        var match = Assert.Single(permanence["matches"]!.AsArray())!;
        Assert.Equal(("2024-09-01", "2025-01-15", true), ((string)match["dateInt"]!, (string)match["dateMatch"]!, (bool)match["fosterCare"]!));
        var workers = permanence["socialWorkers"]!.AsArray();
        Assert.Equal(["SW100001", "XX0007"], workers.Select(w => (string)w!["socialWorkerId"]!));
        Assert.Equal(["2024-10-01", "2025-06-30"], workers.Select(w => (string?)w!["end"]));
        var previous = Assert.Single(permanence["previousPermanence"]!.AsArray())!;
        Assert.Equal(("P2", "2023-11"), ((string)previous["option"]!, (string)previous["date"]!));

        // The care history is unchanged by the new facts: the 903 episodes are the care events' only.
        var episodes = (await (await Writer.GetAsync($"/api/children/{child}/episodes")).Body()).AsArray();
        Assert.Equal(["S", "L", "T"], episodes.Select(r => (string)r!["rne"]!));
    }

    [Fact]
    public async Task a_match_without_a_decision_is_a_problem_naming_the_rule_and_appends_nothing()
    {
        const string child = "adoption-rules-1";
        await Created($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10"));

        var response = await Writer.Post($"/api/children/{child}/adoption-matches",
            new { date = "2025-06-01", numberOfAdopters = 1, adopterSex = "F1", adopterLegalStatus = "L0", formerFosterCarers = false });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Body();
        Assert.Equal(("date", "adoption.match-without-decision"), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(1, await EventsFor(child));
    }

    [Fact]
    public async Task a_social_worker_id_that_is_not_sw_or_xx_is_a_problem()
    {
        const string child = "sw-rules-1";
        await Created($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10"));

        var response = await Writer.Post($"/api/children/{child}/social-workers", new { from = "2025-04-10", socialWorkerId = "AB1234", reason = "FCONTA" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Body();
        Assert.Equal(("socialWorkerId", "social-worker.id-format"), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(1, await EventsFor(child));
    }

    [Fact]
    public async Task a_retried_decision_with_the_same_event_id_is_appended_once_and_a_stale_if_match_gets_412()
    {
        const string child = "adoption-retry-1";
        var entered = await Writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10"));
        var decision = new { date = "2025-06-01", eventId = Guid.NewGuid() };

        var first = await Writer.Post($"/api/children/{child}/adoption-decisions", decision);
        var again = await Writer.Post($"/api/children/{child}/adoption-decisions", decision);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal(first.Headers.ETag?.Tag, again.Headers.ETag?.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/children/{child}/adoption-decision-reversals")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { date = "2025-07-01", reason = "RD1" }),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(entered.Headers.ETag!.Tag));
        var refused = await Writer.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(2, await EventsFor(child));
    }

    [Fact]
    public async Task another_authority_cannot_read_or_add_to_the_childs_adoption_plan()
    {
        const string child = "adoption-authority-1";
        await Created($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10"));
        await Created($"/api/children/{child}/adoption-decisions", new { date = "2025-06-01" });
        var other = placements.ClientFor("832", Scopes.PlacementsWrite, Scopes.PlacementsRead);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/children/{child}/permanence")).StatusCode);
        var refused = await other.Post($"/api/children/{child}/adoption-decision-reversals", new { date = "2025-07-01", reason = "RD1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(2, await EventsFor(child));
        var readOnly = placements.ClientFor("831", Scopes.PlacementsRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.Post($"/api/children/{child}/adoption-decision-reversals", new { date = "2025-07-01", reason = "RD1" })).StatusCode);
    }
}
