using System.Net;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;

namespace CareTracking.IntegrationTests.LeavingCare;

/// <summary>
/// Care leavers through HTTP, with the care history and date of birth learnt from Placements over RabbitMQ.
/// The usual young person was born 1 June 2007 and came into care on 10 January 2024 (16): eligible once 91 days
/// had passed (10 April 2024), former relevant from the 18th birthday (1 June 2025).
/// </summary>
public sealed class LeavingCareApiTests(LeavingCareStack stack) : IClassFixture<LeavingCareStack>
{
    private const string Born = "2007-06-01";
    private const string Decom = "2024-01-10";

    private static async Task<HttpResponseMessage> Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"Expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static string[] ListedIn(JsonNode list, string childId) =>
        [.. list["careLeavers"]!.AsArray().Where(e => (string?)e!["childId"] == childId).Select(e => (string?)e!["status"] ?? "")];

    [Fact]
    public async Task care_period_messages_give_the_status_on_the_list_as_at_any_date()
    {
        // Born 15 January 2008, in care from 10 January 2024 (15) to 1 September 2024 (16, home): 234 days since the
        // 14th birthday, some after the 16th, so eligible on the last day and relevant once care ended.
        await stack.EnterCareAsync("lc-list", Decom, "2008-01-15");
        Assert.Equal(["eligible"], ListedIn(await stack.ListAsync("2024-06-01"), "lc-list"));
        Assert.Empty(ListedIn(await stack.ListAsync("2024-01-14"), "lc-list")); // 15: not yet a care leaver

        await stack.CeaseCareAsync("lc-list", "2024-09-01", "E4A");
        Assert.Equal(["relevant"], ListedIn(await stack.ListAsync("2024-10-01"), "lc-list"));
        Assert.Equal(["formerRelevant"], ListedIn(await stack.ListAsync("2026-02-01"), "lc-list"));
        Assert.Equal("relevant", (string?)(await stack.CareLeaverAsync("lc-list", "?asAt=2024-10-01"))["status"]);
    }

    [Fact]
    public async Task each_fact_is_recorded_through_its_endpoint_and_the_contact_nearest_the_birthday_is_the_oc3_row()
    {
        await stack.EnterCareAsync("lc-facts", Decom, Born);
        var writer = stack.Writer();
        var posts = new (string Url, object Body)[]
        {
            ("personal-adviser", new { date = "2024-04-15", adviserId = "PA-07" }),
            ("pathway-plan-reviews", new { date = "2024-06-01" }),
            ("supported-lodgings", new { from = "2024-05-01", to = "2025-05-31" }),
            ("staying-put", new { from = "2025-06-01" }),
            ("contacts", new { date = "2025-03-10", inTouch = "YES", activity = "F2", accommodation = "E1" }),
            ("contacts", new { date = "2025-07-01", inTouch = "YES", activity = "F5", accommodation = "Z1" }),
        };
        foreach (var (url, body) in posts)
            await Expect(await writer.Post($"/api/care-leavers/lc-facts/{url}", body), HttpStatusCode.Created);
        Assert.Equal(1 + posts.Length, await stack.EventsOf("lc-facts"));

        // Year 2026 is 2025/26, holding the 18th birthday (1 June 2025): 2025-07-01 is 30 days after it, 2025-03-10
        // 83 days before, so the later contact is the row's.
        var view = await stack.CareLeaverAsync("lc-facts", "?asAt=2025-07-02&year=2026");
        Assert.Equal(("formerRelevant", "PA-07", true), ((string?)view["status"], (string?)view["personalAdviserId"], (bool?)view["careHistoryKnown"]));
        Assert.Equal((18, "YES", "F5", "Z1"), ((int?)view["oc3"]!["age"], (string?)view["oc3"]!["inTouch"], (string?)view["oc3"]!["activity"], (string?)view["oc3"]!["accommodation"]));
        Assert.Equal(("2025-03-01", "2025-07-01"), ((string?)view["oc3Window"]!["from"], (string?)view["oc3Window"]!["to"]));
        Assert.Equal(2, view["recorded"]!["contacts"]!.AsArray().Count);
        Assert.Equal("2025-06-01", (string?)view["recorded"]!["stayingPut"]![0]!["from"]);
        Assert.Empty(view["flags"]!.AsArray());
    }

    [Fact]
    public async Task a_903_rule_is_a_422_naming_the_field_and_rule_and_nothing_is_appended()
    {
        await stack.EnterCareAsync("lc-rules", Decom, Born);
        var writer = stack.Writer();
        var before = await stack.EventsOf("lc-rules");
        var refused = new[]
        {
            (await writer.Post("/api/care-leavers/lc-rules/contacts", new { date = "2024-07-01", inTouch = "MAYBE", activity = "F2", accommodation = "E1" }), "inTouch", "903-rule-131"),
            (await writer.Post("/api/care-leavers/lc-rules/contacts", new { date = "2024-07-01", inTouch = "YES", activity = "F3", accommodation = "E1" }), "activity", "903-rule-132"),
            (await writer.Post("/api/care-leavers/lc-rules/contacts", new { date = "2024-07-01", inTouch = "YES", activity = "F2", accommodation = "S1" }), "accommodation", "903-rule-133"),
            // 17 on the date: not with former foster carers (rule 3001).
            (await writer.Post("/api/care-leavers/lc-rules/contacts", new { date = "2024-07-01", inTouch = "YES", activity = "F2", accommodation = "Z1" }), "accommodation", "903-rule-3001"),
            (await writer.Post("/api/care-leavers/lc-rules/staying-put", new { from = "2025-05-01" }), "from", "staying-put.under-18"),
            (await writer.Post("/api/care-leavers/lc-rules/personal-adviser", new { date = "2024-04-15" }), "adviserId", "personal-adviser.adviser-id-required"),
            // 15 days in care: not yet eligible.
            (await writer.Post("/api/care-leavers/lc-rules/pathway-plan-reviews", new { date = "2024-01-25" }), "date", "pathway-plan-review.not-a-care-leaver"),
        };
        foreach (var (response, field, rule) in refused)
        {
            await Expect(response, HttpStatusCode.UnprocessableEntity);
            var problem = await response.Body();
            Assert.Equal((field, rule), ((string?)problem["field"], (string?)problem["rule"]));
        }
        Assert.Equal(before, await stack.EventsOf("lc-rules"));
    }

    [Fact]
    public async Task a_retry_with_the_same_event_id_gets_the_same_answer_and_appends_nothing()
    {
        await stack.EnterCareAsync("lc-retry", Decom, Born);
        var body = new { date = "2024-07-01", inTouch = "YES", activity = "F2", accommodation = "D1", eventId = Guid.NewGuid() };
        var first = await Expect(await stack.Writer().Post("/api/care-leavers/lc-retry/contacts", body), HttpStatusCode.Created);
        Assert.Equal(2, await stack.EventsOf("lc-retry"));
        var retry = await Expect(await stack.Writer().Post("/api/care-leavers/lc-retry/contacts", body), HttpStatusCode.Created);
        Assert.Equal(first.Headers.ETag?.Tag, retry.Headers.ETag?.Tag);
        Assert.Equal(2, await stack.EventsOf("lc-retry"));
        // The same contact again without the event id is nothing to do: 200, nothing appended.
        await Expect(await stack.Writer().Post("/api/care-leavers/lc-retry/contacts", body with { eventId = Guid.NewGuid() }), HttpStatusCode.OK);
        Assert.Equal(2, await stack.EventsOf("lc-retry"));
    }

    [Fact]
    public async Task a_post_with_a_stale_if_match_gets_412_and_appends_nothing()
    {
        await stack.EnterCareAsync("lc-ifmatch", Decom, Born);
        var read = await stack.Reader().GetAsync("/api/care-leavers/lc-ifmatch");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        await Expect(await stack.Writer().Post("/api/care-leavers/lc-ifmatch/personal-adviser", new { date = "2024-04-15", adviserId = "PA-01" }), HttpStatusCode.Created);

        HttpRequestMessage Review(string version)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/care-leavers/lc-ifmatch/pathway-plan-reviews")
            { Content = System.Net.Http.Json.JsonContent.Create(new { date = "2024-06-01" }, options: Requests.Json) };
            request.Headers.TryAddWithoutValidation("If-Match", version);
            return request;
        }
        var stale = await Expect(await stack.Writer().SendAsync(Review("\"1\"")), HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, (long?)(await stale.Body())["currentVersion"]);
        Assert.Equal(2, await stack.EventsOf("lc-ifmatch"));

        var accepted = await Expect(await stack.Writer().SendAsync(Review("\"2\"")), HttpStatusCode.Created);
        Assert.Equal("\"3\"", accepted.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task a_reader_cannot_write_nor_a_writer_read_nor_another_service_token_either()
    {
        await stack.EnterCareAsync("lc-scopes", Decom, Born);
        var body = new { date = "2024-06-01" };
        Assert.Equal(HttpStatusCode.Forbidden, (await stack.Reader().Post("/api/care-leavers/lc-scopes/pathway-plan-reviews", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stack.LeavingCare.ClientFor("831", "health:write").Post("/api/care-leavers/lc-scopes/pathway-plan-reviews", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stack.Writer().GetAsync("/api/care-leavers/lc-scopes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stack.Writer().GetAsync("/api/care-leavers?asAt=2024-06-01")).StatusCode);
        Assert.Equal(1, await stack.EventsOf("lc-scopes"));
    }

    [Fact]
    public async Task another_authority_sees_nothing_of_the_young_person()
    {
        await stack.EnterCareAsync("lc-tenancy", Decom, Born);
        await Expect(await stack.Writer().Post("/api/care-leavers/lc-tenancy/pathway-plan-reviews", new { date = "2024-06-01" }), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NotFound, (await stack.Reader("855").GetAsync("/api/care-leavers/lc-tenancy")).StatusCode);
        Assert.Empty(ListedIn(await stack.ListAsync("2024-06-01", "855"), "lc-tenancy"));
        Assert.Equal(["eligible"], ListedIn(await stack.ListAsync("2024-06-01"), "lc-tenancy"));
        // The lookup that found nothing is audited as one.
        Assert.Equal(1, await stack.ScalarAsync(
            "select count(*) from eventstore.ct_child_read_audit where authority = '855' and child_id = 'lc-tenancy' and what = 'care-leaver:not-found'"));
    }

    [Fact]
    public async Task a_fact_posted_before_any_care_period_message_is_held_and_flagged_once_the_history_shows_it_wrong()
    {
        // No care history yet: the contact is kept (the message may be seconds behind), never lost.
        await Expect(await stack.Writer().Post("/api/care-leavers/lc-held/contacts",
            new { date = "2023-12-01", inTouch = "YES", activity = "F2", accommodation = "U1" }), HttpStatusCode.Created);
        Assert.False((bool?)(await stack.CareLeaverAsync("lc-held", "?asAt=2024-06-01"))["careHistoryKnown"]);

        await stack.EnterCareAsync("lc-held", Decom, Born);
        var view = await stack.CareLeaverAsync("lc-held", "?asAt=2024-06-01");
        Assert.Equal(("eligible", true), ((string?)view["status"], (bool?)view["careHistoryKnown"]));
        var flag = Assert.Single(view["flags"]!.AsArray());
        Assert.Equal(("contact", "2023-12-01", "contact.not-a-care-leaver"), ((string?)flag!["fact"], (string?)flag["date"], (string?)flag["rule"]));
    }
}
