using System.Net;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;

namespace CareTracking.IntegrationTests.Health;

/// <summary>
/// A child's health facts through HTTP, with the care period learnt from Placements over RabbitMQ. DECOM Thursday
/// 10 April 2025 puts the initial health assessment due on Tuesday 13 May 2025 (20 working days, skipping Good
/// Friday, Easter Monday and the early May bank holiday).
/// </summary>
public sealed class HealthApiTests(HealthStack stack) : IClassFixture<HealthStack>
{
    private const string Decom = "2025-04-10";
    private const string InitialDue = "2025-05-13";

    private Task<long> EventsOf(string childId, string authority = "831") =>
        stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '{authority}' and stream_id = 'health:{childId}'");

    private static async Task<HttpStatusCode> StatusOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"Expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode;
    }

    [Fact]
    public async Task the_care_period_is_learnt_from_placements_and_starts_the_initial_assessment_clock()
    {
        await stack.EnterCareAsync("hl-schedule", Decom);
        Assert.Equal(1, await EventsOf("hl-schedule"));
        var before = await stack.ChildHealthAsync("hl-schedule", "?asAt=2025-05-14");
        Assert.Equal(("initial", InitialDue, true), ((string?)before["nextDue"]!["kind"], (string?)before["nextDue"]!["dueDate"], (bool?)before["overdue"]));

        var posted = await stack.HealthWriter().Post("/api/children/hl-schedule/health-assessments", new { date = "2025-05-12", kind = "initial" });
        await StatusOf(posted, HttpStatusCode.Created);
        var after = await stack.ChildHealthAsync("hl-schedule", "?asAt=2025-05-14");
        Assert.Equal(("review", "2026-05-12", false), ((string?)after["nextDue"]!["kind"], (string?)after["nextDue"]!["dueDate"], (bool?)after["overdue"]));
    }

    [Fact]
    public async Task an_event_id_sent_again_is_a_replay_with_the_same_body_and_a_409_with_another()
    {
        await stack.EnterCareAsync("hl-reuse", Decom);
        var writer = stack.HealthWriter();
        var eventId = Guid.NewGuid();
        await StatusOf(await writer.Post("/api/children/hl-reuse/dental-checks", new { date = "2025-05-02", eventId }), HttpStatusCode.Created);

        var replay = await writer.Post("/api/children/hl-reuse/dental-checks", new { date = "2025-05-02", eventId });
        var reused = await writer.Post("/api/children/hl-reuse/dental-checks", new { date = "2025-05-09", eventId });

        await StatusOf(replay, HttpStatusCode.Created);
        Assert.True((bool)(await replay.Body())["replay"]!);
        await StatusOf(reused, HttpStatusCode.Conflict);
        Assert.EndsWith("event-id.reused", (string?)(await reused.Body())["type"]);
        Assert.Equal(2, await EventsOf("hl-reuse"));
    }

    [Fact]
    public async Task each_fact_is_recorded_through_its_endpoint()
    {
        await stack.EnterCareAsync("hl-facts", Decom, dateOfBirth: "2012-06-01");
        var writer = stack.HealthWriter();
        var posts = new (string Url, object Body)[]
        {
            ("health-assessment-requests", new { requestedOn = "2025-04-11", kind = "initial" }),
            ("health-assessments", new { date = "2025-05-01", kind = "initial" }),
            ("immunisations", new { date = "2025-05-01", upToDate = true }),
            ("dental-checks", new { date = "2025-05-02" }),
            ("sdq", new { date = "2025-05-03", score = 14 }),
            ("substance-misuse", new { date = "2025-05-04", interventionOffered = true, interventionReceived = false }),
            ("convictions", new { date = "2025-05-05" }),
            ("health-passports", new { date = "2025-05-06" }),
        };
        foreach (var (url, body) in posts)
            await StatusOf(await writer.Post($"/api/children/hl-facts/{url}", body), HttpStatusCode.Created);
        Assert.Equal(1 + posts.Length, await EventsOf("hl-facts"));
        var view = await stack.ChildHealthAsync("hl-facts", "?asAt=2025-06-01");
        Assert.Equal("2025-05-06", (string?)view["healthPassports"]![0]);
        Assert.Empty(view["flags"]!.AsArray());
    }

    [Fact]
    public async Task a_broken_rule_is_a_422_naming_the_field_and_rule_and_a_malformed_body_a_400_and_neither_appends()
    {
        await stack.EnterCareAsync("hl-rules", Decom, dateOfBirth: "2016-06-01");
        var writer = stack.HealthWriter();
        var before = await EventsOf("hl-rules");
        var refused = new[]
        {
            (await writer.Post("/api/children/hl-rules/convictions", new { date = "2025-05-01" }), "date", "conviction.under-10"),
            (await writer.Post("/api/children/hl-rules/sdq", new { date = "2025-05-01", score = 41 }), "score", "sdq.score-range"),
            (await writer.Post("/api/children/hl-rules/health-assessments", new { date = "2025-05-01", kind = "annual" }), "kind", "health-assessment.kind"),
            (await writer.Post("/api/children/hl-rules/dental-checks", new { date = "2025-03-01" }), "date", "dental-check.not-looked-after"),
            (await writer.Post("/api/children/hl-rules/immunisations", new { date = "2025-05-01" }), "upToDate", "immunisations.upToDate-required"),
        };
        foreach (var (response, field, rule) in refused)
        {
            await StatusOf(response, HttpStatusCode.UnprocessableEntity);
            var problem = await response.Body();
            Assert.Equal((field, rule), ((string?)problem["field"], (string?)problem["rule"]));
        }
        var malformed = await writer.Post("/api/children/hl-rules/dental-checks", new { date = "01/05/2025" });
        await StatusOf(malformed, HttpStatusCode.BadRequest);
        Assert.Equal("date", (string?)(await malformed.Body())["field"]);
        Assert.Equal(before, await EventsOf("hl-rules"));
    }

    [Fact]
    public async Task a_retry_with_the_same_event_id_gets_the_same_answer_and_appends_nothing()
    {
        await stack.EnterCareAsync("hl-retry", Decom);
        var body = new { date = "2025-05-01", score = 14, eventId = Guid.NewGuid() };
        var first = await stack.HealthWriter().Post("/api/children/hl-retry/sdq", body);
        await StatusOf(first, HttpStatusCode.Created);
        Assert.Equal(2, await EventsOf("hl-retry"));
        var retry = await stack.HealthWriter().Post("/api/children/hl-retry/sdq", body);
        await StatusOf(retry, HttpStatusCode.Created);
        Assert.Equal(first.Headers.ETag?.Tag, retry.Headers.ETag?.Tag);
        Assert.Equal(2, await EventsOf("hl-retry"));
    }

    [Fact]
    public async Task a_post_with_a_stale_if_match_gets_412_and_appends_nothing()
    {
        await stack.EnterCareAsync("hl-ifmatch", Decom);
        var writer = stack.HealthWriter();
        var read = await stack.HealthReader().GetAsync("/api/children/hl-ifmatch/health");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        await StatusOf(await writer.Post("/api/children/hl-ifmatch/dental-checks", new { date = "2025-05-01" }), HttpStatusCode.Created);

        var stale = new HttpRequestMessage(HttpMethod.Post, "/api/children/hl-ifmatch/immunisations")
        { Content = System.Net.Http.Json.JsonContent.Create(new { date = "2025-05-02", upToDate = true }, options: Requests.Json) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await writer.SendAsync(stale);
        await StatusOf(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, (long?)(await response.Body())["currentVersion"]);
        Assert.Equal(2, await EventsOf("hl-ifmatch"));

        var current = new HttpRequestMessage(HttpMethod.Post, "/api/children/hl-ifmatch/immunisations")
        { Content = System.Net.Http.Json.JsonContent.Create(new { date = "2025-05-02", upToDate = true }, options: Requests.Json) };
        current.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var accepted = await writer.SendAsync(current);
        await StatusOf(accepted, HttpStatusCode.Created);
        Assert.Equal("\"3\"", accepted.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task another_authority_sees_nothing_of_the_child()
    {
        await stack.EnterCareAsync("hl-tenancy", Decom);
        await StatusOf(await stack.HealthWriter().Post("/api/children/hl-tenancy/dental-checks", new { date = "2025-05-01" }), HttpStatusCode.Created);

        var leicestershire = stack.HealthReader("855");
        Assert.Equal(HttpStatusCode.NotFound, (await leicestershire.GetAsync("/api/children/hl-tenancy/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stack.HealthReader().GetAsync("/api/children/hl-nobody/health")).StatusCode);
        // A reader cannot write, nor a writer read.
        Assert.Equal(HttpStatusCode.Forbidden, (await leicestershire.Post("/api/children/hl-tenancy/dental-checks", new { date = "2025-05-02" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stack.HealthWriter().GetAsync("/api/children/hl-tenancy/health")).StatusCode);
        Assert.Equal(0, await EventsOf("hl-tenancy", "855"));
    }
}
