using System.Net;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using static CareTracking.IntegrationTests.Reviews.ReviewRequests;

namespace CareTracking.IntegrationTests.Reviews;

/// <summary>
/// A child's reviews through HTTP, with the care periods learnt from Placements over RabbitMQ. Dates are hand
/// counted: DECOM Thursday 10 April 2025 puts the first review due on Tuesday 13 May 2025 (20 working days,
/// skipping Good Friday 18 April, Easter Monday 21 April and the early May bank holiday on 5 May).
/// </summary>
public sealed class ChildReviewsTests(ReviewsStack stack) : IClassFixture<ReviewsStack>
{
    private const string Decom = "2025-04-10";
    private const string FirstDue = "2025-05-13";

    private static JsonNode Line(JsonNode view, int index) => view["reviews"]![index]!;

    private Task<long> EventsOf(string childId, string authority = "831") =>
        stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '{authority}' and stream_id = 'reviews:{childId}'");

    [Fact]
    public async Task reviews_are_set_against_their_due_dates_and_the_next_due_date_follows_the_latest_review()
    {
        await stack.EnterCareAsync("rv-schedule", Decom);
        var writer = stack.ReviewsWriter();

        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/rv-schedule/iro-allocations", Iro("2025-04-14", "IRO-1", "North"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/rv-schedule/reviews", Review(FirstDue, "PN1"))).StatusCode);
        // Second due 3 months after the first held (13 August); held a week late.
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/rv-schedule/reviews", Review("2025-08-20", "PN2"))).StatusCode);
        // Third due 6 months after the second held.
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/rv-schedule/reviews", Review("2026-02-20", "PN3"))).StatusCode);

        var view = await stack.ChildReviewsAsync("rv-schedule");
        var lines = Enumerable.Range(0, 3).Select(i => Line(view, i)).Select(l =>
            ((string?)l["date"], (int?)l["number"], (string?)l["due"], (bool?)l["onTime"], (string?)l["placing"], (string?)l["iroId"], (string?)l["team"])).ToList();
        Assert.Equal(
        [
            (FirstDue, 1, FirstDue, true, "inPeriodOfCare", "IRO-1", "North"),
            ("2025-08-20", 2, "2025-08-13", false, "inPeriodOfCare", "IRO-1", "North"),
            ("2026-02-20", 3, "2026-02-20", true, "inPeriodOfCare", "IRO-1", "North"),
        ], lines);
        Assert.Equal((4, "2026-08-20"), ((int?)view["nextNumber"], (string?)view["nextDue"]));
        Assert.Equal("IRO-1", (string?)view["currentIro"]?["iroId"]);
    }

    [Fact]
    public async Task a_placement_move_keeps_the_review_clock_and_a_new_period_of_care_restarts_it()
    {
        await stack.EnterCareAsync("rv-periods", Decom);
        var placements = stack.PlacementsWriter();
        var moved = await placements.Post("/api/children/rv-periods/placement-moves", new
        {
            date = "2025-04-20",
            placement = new { type = "U5", provider = "PR2", postcode = "DE22 4AB", urn = "SC654321" },
            sameCarer = false,
            reason = "CARPL",
        });
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        var writer = stack.ReviewsWriter();
        // A day late by the clock from DECOM; it would be on time if the move had restarted the clock.
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/rv-periods/reviews", Review("2025-05-14"))).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await placements.Post("/api/children/rv-periods/ceased-care", new { date = "2025-06-02", reason = "E13" })).StatusCode);
        await stack.WaitForNotedAsync("831", "rv-periods", "reviews.care-period-end-noted.v1", 1);
        Assert.Equal(HttpStatusCode.Created, (await placements.Post("/api/children/rv-periods/entered-care", Requests.EnteredCare(date: "2025-07-01"))).StatusCode);
        await stack.WaitForNotedAsync("831", "rv-periods", "reviews.care-period-noted.v1", 2);
        // New period from Tuesday 1 July 2025: first review due 20 working days later, Tuesday 29 July.
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/rv-periods/reviews", Review("2025-07-20"))).StatusCode);

        var view = await stack.ChildReviewsAsync("rv-periods");
        Assert.Equal((1, FirstDue, false), ((int?)Line(view, 0)["number"], (string?)Line(view, 0)["due"], (bool?)Line(view, 0)["onTime"]));
        Assert.Equal((1, "2025-07-29", true), ((int?)Line(view, 1)["number"], (string?)Line(view, 1)["due"], (bool?)Line(view, 1)["onTime"]));
        Assert.Equal("2025-10-20", (string?)view["nextDue"]);
        // The first period ended before its second review fell due (14 August), so none was missed.
        Assert.Empty(view["missedDueDates"]!.AsArray());
    }

    [Fact]
    public async Task a_review_posted_before_the_care_period_message_arrives_is_placed_in_the_period_once_it_does()
    {
        var writer = stack.ReviewsWriter();
        var early = await writer.Post("/api/children/rv-early/reviews", Review(FirstDue, "PN4"));
        Assert.Equal(HttpStatusCode.Created, early.StatusCode);

        var awaiting = await stack.ChildReviewsAsync("rv-early");
        Assert.Equal(("awaitingCarePeriod", false), ((string?)Line(awaiting, 0)["placing"], (bool?)Line(awaiting, 0)["onTime"]));
        Assert.Null((string?)awaiting["nextDue"]);

        await stack.EnterCareAsync("rv-early", Decom);

        var placed = await stack.ChildReviewsAsync("rv-early");
        Assert.Equal(("inPeriodOfCare", 1, FirstDue, true),
            ((string?)Line(placed, 0)["placing"], (int?)Line(placed, 0)["number"], (string?)Line(placed, 0)["due"], (bool?)Line(placed, 0)["onTime"]));
        Assert.Equal("2025-08-13", (string?)placed["nextDue"]);
    }

    [Fact]
    public async Task pn0_is_refused_naming_participation_for_a_child_aged_4_or_over_and_accepted_under_4()
    {
        await stack.EnterCareAsync("rv-pn0-older", Decom, dateOfBirth: "2015-06-01");
        await stack.EnterCareAsync("rv-pn0-baby", Decom, dateOfBirth: "2023-01-01");
        var writer = stack.ReviewsWriter();

        var refused = await writer.Post("/api/children/rv-pn0-older/reviews", Review(FirstDue, "PN0"));
        var accepted = await writer.Post("/api/children/rv-pn0-baby/reviews", Review(FirstDue, "PN0"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Body();
        Assert.Equal(("participation", "review.participation-4-or-over"), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(1, await EventsOf("rv-pn0-older"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task a_review_dated_in_the_future_or_with_an_unknown_code_is_refused_naming_the_field_and_appends_nothing()
    {
        await stack.EnterCareAsync("rv-bad", Decom);
        var writer = stack.ReviewsWriter();
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd");

        var responses = new[]
        {
            (await writer.Post("/api/children/rv-bad/reviews", Review(future)), "date", "review.in-future"),
            (await writer.Post("/api/children/rv-bad/reviews", Review(FirstDue, "PN9")), "participation", "review.participation-code"),
            (await writer.Post("/api/children/rv-bad/reviews", Review("2025-03-01")), "date", "review.not-looked-after"),
            (await writer.Post("/api/children/rv-bad/iro-allocations", Iro("2025-04-14", " ", "North")), "iroId", "iro.id-required"),
        };

        foreach (var (response, field, rule) in responses)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Body();
            Assert.Equal((field, rule), ((string?)problem["field"], (string?)problem["rule"]));
        }
        var malformed = await writer.Post("/api/children/rv-bad/reviews", new { date = "13/05/2025", participation = "PN1" });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("date", (string?)(await malformed.Body())["field"]);
        Assert.Equal(1, await EventsOf("rv-bad"));
    }

    [Fact]
    public async Task a_retried_post_with_the_same_event_id_gets_the_same_answer_and_appends_once()
    {
        await stack.EnterCareAsync("rv-retry", Decom);
        var writer = stack.ReviewsWriter();
        var eventId = Guid.NewGuid();

        var first = await writer.Post("/api/children/rv-retry/reviews", Review(FirstDue, eventId: eventId));
        var retry = await writer.Post("/api/children/rv-retry/reviews", Review(FirstDue, eventId: eventId));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal(first.Headers.ETag?.Tag, retry.Headers.ETag?.Tag);
        Assert.Equal(eventId.ToString(), (string?)(await retry.Body())["eventId"]);
        Assert.True((bool)(await retry.Body())["replay"]!);
        Assert.Equal(2, await EventsOf("rv-retry"));

        // The same eventId with another review date is another post: refused, nothing written (issue 13).
        var reused = await writer.Post("/api/children/rv-retry/reviews", Review("2025-05-20", eventId: eventId));
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.EndsWith("event-id.reused", (string?)(await reused.Body())["type"]);
        Assert.Equal(2, await EventsOf("rv-retry"));
    }

    [Fact]
    public async Task a_post_with_a_stale_if_match_gets_412_and_appends_nothing()
    {
        await stack.EnterCareAsync("rv-ifmatch", Decom);
        var writer = stack.ReviewsWriter();
        var read = await stack.ReviewsReader().GetAsync("/api/children/rv-ifmatch/reviews");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/rv-ifmatch/iro-allocations", Iro("2025-04-14", "IRO-1", "North"))).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Post, "/api/children/rv-ifmatch/reviews") { Content = System.Net.Http.Json.JsonContent.Create(Review(FirstDue), options: Requests.Json) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await writer.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(2, (long?)(await response.Body())["currentVersion"]);
        Assert.Equal(2, await EventsOf("rv-ifmatch"));

        var current = new HttpRequestMessage(HttpMethod.Post, "/api/children/rv-ifmatch/reviews") { Content = System.Net.Http.Json.JsonContent.Create(Review(FirstDue), options: Requests.Json) };
        current.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var accepted = await writer.SendAsync(current);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal("\"3\"", accepted.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task a_review_recorded_in_error_can_be_cancelled_or_corrected()
    {
        await stack.EnterCareAsync("rv-fix", Decom);
        var writer = stack.ReviewsWriter();
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/rv-fix/reviews", Review("2025-05-20", "PN1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/rv-fix/reviews", Review("2025-08-01", "PN2"))).StatusCode);

        var corrected = await writer.Post("/api/children/rv-fix/review-corrections",
            new { reviewDate = "2025-05-20", date = "2025-05-12", participation = "PN3", reason = "Keyed with the minutes' date" });
        var cancelled = await writer.Post("/api/children/rv-fix/review-cancellations", new { reviewDate = "2025-08-01", reason = "Meeting did not take place" });
        var unknown = await writer.Post("/api/children/rv-fix/review-cancellations", new { reviewDate = "2025-09-01", reason = "No such review" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (corrected.StatusCode, cancelled.StatusCode));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal("reviewDate", (string?)(await unknown.Body())["field"]);
        var view = await stack.ChildReviewsAsync("rv-fix");
        Assert.Equal(("2025-05-12", "PN3", true), ((string?)Line(view, 0)["date"], (string?)Line(view, 0)["participation"], (bool?)Line(view, 0)["onTime"]));
        Assert.Single(view["reviews"]!.AsArray());
        Assert.Equal("2025-08-12", (string?)view["nextDue"]);
    }

    [Fact]
    public async Task another_authority_sees_nothing_of_the_child()
    {
        await stack.EnterCareAsync("rv-tenancy", Decom);
        Assert.Equal(HttpStatusCode.Created, (await stack.ReviewsWriter().Post("/api/children/rv-tenancy/reviews", Review(FirstDue))).StatusCode);

        var leicestershire = stack.ReviewsReader("855");
        Assert.Equal(HttpStatusCode.NotFound, (await leicestershire.GetAsync("/api/children/rv-tenancy/reviews")).StatusCode);
        var derbyList = await stack.WorkListAsync("/api/reviews/overdue?asAt=2025-09-01");
        Assert.Contains("rv-tenancy", derbyList["children"]!.AsArray().Select(c => (string?)c!["childId"]));
        var leicsList = await (await leicestershire.GetAsync("/api/reviews/overdue?asAt=2025-09-01")).Body();
        Assert.Empty(leicsList["children"]!.AsArray());
        var leicsTimeliness = await (await leicestershire.GetAsync("/api/reviews/timeliness?from=2025-04-01&to=2026-03-31")).Body();
        Assert.Equal(0, (int?)leicsTimeliness["all"]?["held"]);
        // The same child id there is another child: its review awaits that authority's own care period.
        Assert.Equal(HttpStatusCode.Created, (await stack.ReviewsWriter("855").Post("/api/children/rv-tenancy/reviews", Review("2025-03-01"))).StatusCode);
    }

    [Fact]
    public async Task a_token_without_the_scope_gets_403_as_problem_details_and_nothing_is_appended()
    {
        var readOnly = stack.ReviewsReader();
        var writeOnly = stack.ReviewsWriter();
        var placementsOnly = stack.Reviews.ClientFor("831", Scopes.PlacementsWrite);

        var responses = new[]
        {
            await readOnly.Post("/api/children/rv-scope/reviews", Review(FirstDue)),
            await placementsOnly.Post("/api/children/rv-scope/iro-allocations", Iro("2025-04-14", "IRO-1", "North")),
            await writeOnly.GetAsync("/api/children/rv-scope/reviews"),
            await writeOnly.GetAsync("/api/reviews/due?withinWorkingDays=10"),
            await placementsOnly.GetAsync("/api/reviews/timeliness?from=2025-04-01&to=2026-03-31"),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await stack.Reviews.CreateClient().GetAsync("/api/reviews/overdue")).StatusCode);
        Assert.Equal(0, await EventsOf("rv-scope"));
    }

    [Fact]
    public async Task reading_a_childs_reviews_is_audited_and_an_unknown_child_is_404()
    {
        await stack.EnterCareAsync("rv-audit", Decom);
        await stack.ChildReviewsAsync("rv-audit");

        Assert.Equal(HttpStatusCode.NotFound, (await stack.ReviewsReader().GetAsync("/api/children/rv-nobody/reviews")).StatusCode);
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where child_id = 'rv-audit' and what = 'reviews' and authority = '831'"));
        // A lookup that found nothing is audited too: probing for children is what the audit is for.
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where child_id = 'rv-nobody' and what = 'reviews:not-found' and authority = '831'"));
    }
}
