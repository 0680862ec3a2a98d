using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Placements;

/// <summary>Every Placements endpoint through HTTP, against the real PostgreSQL and RabbitMQ.</summary>
public sealed class PlacementsApiTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private HttpClient Writer => placements.ClientFor("831", Scopes.PlacementsWrite, Scopes.PlacementsRead);

    private static object Placement(string type = "U4", string provider = "PR1", string postcode = "DE22 3NE") =>
        new { type, provider, postcode, urn = "SC123456" };

    private async Task<long> EventsFor(string childId) =>
        await stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id = '{childId}'");

    private async Task<JsonArray> Episodes(string childId) =>
        (await (await Writer.GetAsync($"/api/children/{childId}/episodes")).Body()).AsArray();

    [Fact]
    public async Task a_care_history_posted_endpoint_by_endpoint_reads_back_as_903_episodes()
    {
        const string child = "history-1";
        Assert.Equal(HttpStatusCode.Created, (await Writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10", legalStatus: "C1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Writer.Post($"/api/children/{child}/legal-status-changes", new { date = "2025-05-20", legalStatus = "C2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Writer.Post($"/api/children/{child}/placement-moves",
            new { date = "2025-07-01", placement = Placement("U5", "PR4", "DE1 2AB"), sameCarer = false, reason = "CARPL" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Writer.Post($"/api/children/{child}/uasc-status", new { date = "2025-07-02", uasc = true })).StatusCode);
        var ceased = await Writer.Post($"/api/children/{child}/ceased-care", new { date = "2025-09-30", reason = "E4A" });
        Assert.Equal(HttpStatusCode.Created, ceased.StatusCode);
        Assert.Equal("\"5\"", ceased.Headers.ETag?.Tag);

        var rows = await Episodes(child);
        // Hand-derived: S on 10/04 (C1, U4); L on 20/05 (C2); P on 01/07 (U5), ended 30/09 with E4A.
        Assert.Equal(3, rows.Count);
        Assert.Equal(["2025-04-10", "2025-05-20", "2025-07-01"], rows.Select(r => (string)r!["decom"]!));
        Assert.Equal(["S", "L", "P"], rows.Select(r => (string)r!["rne"]!));
        Assert.Equal(["C1", "C2", "C2"], rows.Select(r => (string)r!["ls"]!));
        Assert.Equal(["U4", "U4", "U5"], rows.Select(r => (string)r!["place"]!));
        Assert.Equal(["X1", "X1", "E4A"], rows.Select(r => (string?)r!["rec"]));
        Assert.Equal(["2025-05-20", "2025-07-01", "2025-09-30"], rows.Select(r => (string?)r!["dec"]));
        Assert.Equal("CARPL", (string?)rows[1]!["reasonPlaceChange"]);

        var current = await (await Writer.GetAsync($"/api/children/{child}")).Body();
        Assert.False((bool)current["inCare"]!);
        Assert.Equal("E4A", (string?)current["lastReasonCeased"]);
    }

    [Fact]
    public async Task a_back_dated_move_lands_in_its_place_in_the_episode_history()
    {
        const string child = "backdated-1";
        await Writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10"));
        await Writer.Post($"/api/children/{child}/placement-moves",
            new { date = "2025-08-01", placement = Placement("U5", "PR4", "DE1 2AB"), sameCarer = false, reason = "CARPL" });

        // Recorded later, but it happened between the two.
        var backDated = await Writer.Post($"/api/children/{child}/placement-moves",
            new { date = "2025-06-15", placement = Placement("U6", "PR1", "DE3 3CD"), sameCarer = false, reason = "CHILD" });
        Assert.Equal(HttpStatusCode.Created, backDated.StatusCode);

        var rows = await Episodes(child);
        Assert.Equal(["2025-04-10", "2025-06-15", "2025-08-01"], rows.Select(r => (string)r!["decom"]!));
        Assert.Equal(["U4", "U6", "U5"], rows.Select(r => (string)r!["place"]!));
        Assert.Equal(["2025-06-15", "2025-08-01", null], rows.Select(r => (string?)r!["dec"]));
    }

    [Fact]
    public async Task an_earlier_period_of_care_is_back_filled_whole_before_the_current_one()
    {
        const string child = "backfill-1";
        await Writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10"));

        var past = await Writer.Post($"/api/children/{child}/entered-care", new
        {
            date = "2023-05-01",
            legalStatus = "C1",
            categoryOfNeed = "N1",
            placement = Placement(),
            homePostcode = "DE1 1AA",
            child = new { sex = "F", dateOfBirth = "2015-06-01", ethnicity = "WBRI", uasc = false },
            ceased = new { date = "2023-11-30", reason = "E4A" },
        });

        Assert.Equal(HttpStatusCode.Created, past.StatusCode);
        var rows = await Episodes(child);
        Assert.Equal(["2023-05-01", "2025-04-10"], rows.Select(r => (string)r!["decom"]!));
        Assert.Equal(["E4A", null], rows.Select(r => (string?)r!["rec"]));
        var sent = await Eventually.Within(TimeSpan.FromSeconds(20), () => stack.ScalarAsync(
            $"select count(*) from eventstore.ct_outbox where body->>'childId' = '{child}' and message_type like '%CarePeriodEnded' and dispatched_at is not null"), n => n == 1);
        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task a_mistaken_event_is_retracted_and_the_right_one_posted()
    {
        const string child = "correction-1";
        await Writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10"));
        var wrong = await Writer.Post($"/api/children/{child}/placement-moves",
            new { date = "2025-06-01", placement = Placement("U5", "PR4", "DE1 2AB"), sameCarer = false, reason = "CARPL" });
        var wrongId = (string)(await wrong.Body())["eventId"]!;

        var retraction = await Writer.Post($"/api/children/{child}/retractions", new { retractedEventId = wrongId, reason = "Recorded against the wrong child" });
        Assert.Equal(HttpStatusCode.Created, retraction.StatusCode);
        Assert.Single(await Episodes(child));

        await Writer.Post($"/api/children/{child}/placement-moves",
            new { date = "2025-06-03", placement = Placement("U6", "PR1", "DE3 3CD"), sameCarer = false, reason = "CARPL" });
        var rows = await Episodes(child);
        Assert.Equal(["2025-04-10", "2025-06-03"], rows.Select(r => (string)r!["decom"]!));

        var history = (await (await Writer.GetAsync($"/api/children/{child}/history")).Body()).AsArray();
        Assert.True((bool)history.Single(h => (string)h!["eventId"]! == wrongId)!["retracted"]!);
        Assert.Equal(4, await EventsFor(child));
    }

    [Fact]
    public async Task two_posts_with_the_same_if_match_one_wins_and_the_other_gets_412()
    {
        const string child = "ifmatch-1";
        var entered = await Writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10"));
        var etag = entered.Headers.ETag!.Tag;

        async Task<HttpResponseMessage> Move(string date, string type)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/children/{child}/placement-moves")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { date, placement = Placement(type, "PR4", "DE1 2AB"), sameCarer = false, reason = "CARPL" }),
            };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
            return await Writer.SendAsync(request);
        }

        var results = await Task.WhenAll(Move("2025-06-01", "U5"), Move("2025-06-02", "U6"));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.PreconditionFailed], results.Select(r => r.StatusCode).Order());
        var loser = results.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, await EventsFor(child));
    }

    [Fact]
    public async Task a_retried_move_with_the_same_event_id_is_appended_once()
    {
        const string child = "retry-move-1";
        await Writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2025-04-10"));
        var move = new { date = "2025-06-01", placement = Placement("U5", "PR4", "DE1 2AB"), sameCarer = false, reason = "CARPL", eventId = Guid.NewGuid() };

        var first = await Writer.Post($"/api/children/{child}/placement-moves", move);
        var again = await Writer.Post($"/api/children/{child}/placement-moves", move);
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first.Headers.ETag?.Tag, again.Headers.ETag?.Tag);
        Assert.Equal(2, await EventsFor(child));
    }

    [Theory]
    [InlineData("""{"date":"2025-04-10","legalStatus":"ZZ","categoryOfNeed":"N1","placement":{"type":"U4","provider":"PR1","postcode":"DE22 3NE","urn":"SC123456"},"homePostcode":null,"child":{"sex":"F","dateOfBirth":"2015-06-01","ethnicity":"WBRI","uasc":false}}""", "legalStatus", 422)]
    [InlineData("""{"date":"2099-04-10","legalStatus":"C2","categoryOfNeed":"N1","placement":{"type":"U4","provider":"PR1","postcode":"DE22 3NE","urn":"SC123456"},"homePostcode":null,"child":{"sex":"F","dateOfBirth":"2015-06-01","ethnicity":"WBRI","uasc":false}}""", "date", 422)]
    [InlineData("""{"date":"2014-04-10","legalStatus":"C2","categoryOfNeed":"N1","placement":{"type":"U4","provider":"PR1","postcode":"DE22 3NE","urn":"SC123456"},"homePostcode":null,"child":{"sex":"F","dateOfBirth":"2015-06-01","ethnicity":"WBRI","uasc":false}}""", "date", 422)]
    [InlineData("""{"date":"2025-04-10","legalStatus":"C2","categoryOfNeed":"N1","placement":{"type":"K3","provider":"PR1","postcode":"DE22 3NE","urn":"SC123456"},"homePostcode":null,"child":{"sex":"F","dateOfBirth":"2015-06-01","ethnicity":"WBRI","uasc":false}}""", "placement.type", 422)]
    [InlineData("""{"date":"10/04/2025","legalStatus":"C2","categoryOfNeed":"N1","placement":{"type":"U4","provider":"PR1","postcode":"DE22 3NE","urn":"SC123456"},"homePostcode":null,"child":{"sex":"F","dateOfBirth":"2015-06-01","ethnicity":"WBRI","uasc":false}}""", "date", 400)]
    [InlineData("""{"date":"2025-04-10","legalStatus":"C2","categoryOfNeed":"N1","placement":{"type":"U4","provider":"PR1","postcode":"DE22 3NE","urn":"SC123456"},"homePostcode":null}""", "child", 400)]
    [InlineData("""{"date":"2025-04-10","legalStatus":"C2","categoryOfNeed":"N1","placement":{"type":"U4","provider":"PR1","postcode":"DE22 3NE","urn":"SC123456"},"homePostcode":null,"child":{"sex":"F","dateOfBirth":"2015-06-01","ethnicity":"WBRI","uasc":false},"nickname":"x"}""", "nickname", 400)]
    public async Task a_bad_entry_into_care_is_answered_with_a_problem_naming_the_field_and_appends_nothing(string body, string field, int status)
    {
        var child = $"bad-{Guid.NewGuid():N}"[..20];
        var response = await Writer.PostAsync($"/api/children/{child}/entered-care", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Body();
        Assert.Equal(field, (string?)problem["field"]);
        Assert.Equal(0, await EventsFor(child));
    }

    [Fact]
    public async Task moving_a_child_who_is_not_in_care_is_rejected_naming_the_rule()
    {
        var response = await Writer.Post("/api/children/never-in-care/placement-moves",
            new { date = "2025-06-01", placement = Placement(), sameCarer = false, reason = "CARPL" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("care.not-in-care", (string?)(await response.Body())["rule"]);
        Assert.Equal(0, await EventsFor("never-in-care"));
    }

    [Theory]
    [InlineData("K2", "PR3", "SC123456", "placement.provider", "placement.provider-pr3-not-allowed")]
    [InlineData("U6", "PR0", "SC123456", "placement.provider", "placement.provider-pr0-only-p1")]
    [InlineData("P1", "PR0", "SC123456", "placement.urn", "placement.urn-not-taken")]
    [InlineData("U6", "PR1", "SC12345", "placement.urn", "placement.urn-format")]
    public async Task a_provider_or_urn_that_does_not_fit_the_placement_type_is_rejected_naming_the_field_and_rule(
        string type, string provider, string urn, string field, string rule)
    {
        var child = $"urn-{Guid.NewGuid():N}"[..20];
        var response = await Writer.Post($"/api/children/{child}/entered-care", new
        {
            date = "2025-04-10",
            legalStatus = "C2",
            categoryOfNeed = "N1",
            placement = new { type, provider, postcode = "DE22 3NE", urn },
            homePostcode = "DE1 1AA",
            child = new { sex = "F", dateOfBirth = "2015-06-01", ethnicity = "WBRI", uasc = false },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Body();
        Assert.Equal((field, rule), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(0, await EventsFor(child));
    }

    [Fact]
    public async Task pl_la_and_distance_are_kept_shown_in_the_child_and_episodes_and_a_malformed_distance_is_refused()
    {
        const string child = "location-1";
        Assert.Equal(HttpStatusCode.Created, (await Writer.Post($"/api/children/{child}/entered-care", new
        {
            date = "2025-04-10",
            legalStatus = "C2",
            categoryOfNeed = "N1",
            placement = new { type = "U4", provider = "PR1", postcode = "DE22 3NE", urn = "SC123456", localAuthority = "831", distanceMiles = 2.4 },
            homePostcode = "DE1 1AA",
            child = new { sex = "F", dateOfBirth = "2015-06-01", ethnicity = "WBRI", uasc = false },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Writer.Post($"/api/children/{child}/placement-moves", new
        {
            date = "2025-07-01",
            sameCarer = false,
            reason = "CARPL",
            placement = new { type = "K2", provider = "PR4", postcode = "LL11 1AA", urn = "SC111111", localAuthority = "WAL", distanceMiles = 999.9 },
        })).StatusCode);

        var refused = await Writer.Post($"/api/children/{child}/placement-moves", new
        {
            date = "2025-08-01",
            sameCarer = false,
            reason = "CARPL",
            placement = new { type = "U4", provider = "PR4", postcode = "NG7 2RD", urn = "SC654321", localAuthority = "891", distanceMiles = 12.34 },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Body();
        Assert.Equal(("placement.distanceMiles", "placement.distance-format"), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(2, await EventsFor(child));

        var rows = await Episodes(child);
        Assert.Equal(["831", "WAL"], rows.Select(r => (string?)r!["plLa"]));
        Assert.Equal([2.4m, 999.9m], rows.Select(r => (decimal?)r!["plDistance"]));
        var placement = (await (await Writer.GetAsync($"/api/children/{child}")).Body())["placement"]!;
        Assert.Equal(("WAL", 999.9m), ((string?)placement["localAuthority"], (decimal?)placement["distanceMiles"]));
    }

    [Fact]
    public async Task a_placement_move_during_a_short_break_is_rejected_and_appends_nothing()
    {
        const string child = "short-break-1";
        Assert.Equal(HttpStatusCode.Created, (await Writer.Post($"/api/children/{child}/entered-care",
            Requests.EnteredCare(date: "2025-08-01", legalStatus: "V3", placementType: "U6"))).StatusCode);

        var response = await Writer.Post($"/api/children/{child}/placement-moves",
            new { date = "2025-08-05", placement = Placement("U6", "PR4", "DE1 2AB"), sameCarer = false, reason = "CARPL" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Body();
        Assert.Equal(("placement", "short-break.placement-change"), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(1, await EventsFor(child));
    }

    [Fact]
    public async Task reading_a_child_is_audited_with_client_authority_and_child()
    {
        await Writer.Post("/api/children/audited-1/entered-care", Requests.EnteredCare());
        await Writer.GetAsync("/api/children/audited-1/episodes");

        Assert.Equal(1, await stack.ScalarAsync(
            "select count(*) from eventstore.ct_child_read_audit where child_id = 'audited-1' and authority = '831' and client = 'test-client' and what = 'episodes'"));
    }

    [Fact]
    public async Task entering_care_publishes_a_care_period_started_message_through_the_outbox()
    {
        await Writer.Post("/api/children/outbox-1/entered-care", Requests.EnteredCare(date: "2025-04-10"));

        var sent = await Eventually.Within(TimeSpan.FromSeconds(20),
            () => stack.ScalarAsync("select count(*) from eventstore.ct_outbox where body->>'childId' = 'outbox-1' and dispatched_at is not null"), n => n == 1);
        Assert.Equal(1, sent);
        Assert.Equal(1, await stack.ScalarAsync(
            "select count(*) from eventstore.ct_outbox where body->>'childId' = 'outbox-1' and message_type = 'CareTracking.Contracts.Placements.CarePeriodStarted' and body->>'placementArea' = 'DE'"));
    }
}
