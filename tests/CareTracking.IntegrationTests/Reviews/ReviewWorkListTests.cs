using System.Net;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using static CareTracking.IntegrationTests.Reviews.ReviewRequests;

namespace CareTracking.IntegrationTests.Reviews;

/// <summary>
/// The IRO work lists and timeliness across an authority's children, read from the Reviews read model. Each
/// test uses its own authority so that the lists hold only its children. DECOM Thursday 10 April 2025: first
/// review due Tuesday 13 May 2025 (see <see cref="ChildReviewsTests"/>).
/// </summary>
public sealed class ReviewWorkListTests(ReviewsStack stack) : IClassFixture<ReviewsStack>
{
    private static IEnumerable<(string? Child, string? Due, string? Iro)> Listed(JsonNode list) =>
        list["children"]!.AsArray().Select(c => ((string?)c!["childId"], (string?)c["dueDate"], (string?)c["iroId"]));

    private async Task ChildAsync(string authority, string childId, string iroId, string team, params string[] reviews)
    {
        await stack.EnterCareAsync(childId, "2025-04-10", authority);
        var writer = stack.ReviewsWriter(authority);
        Assert.Equal(HttpStatusCode.Created, (await writer.Post($"/api/children/{childId}/iro-allocations", Iro("2025-04-14", iroId, team))).StatusCode);
        foreach (var review in reviews.Select(r => r.Split(' ')))
            Assert.Equal(HttpStatusCode.Created, (await writer.Post($"/api/children/{childId}/reviews", Review(review[0], review[1]))).StatusCode);
    }

    [Fact]
    public async Task the_due_list_shows_reviews_falling_due_within_the_working_days_asked_for_filtered_by_team_or_iro()
    {
        await ChildAsync("840", "wl-north", "IRO-1", "North");
        await ChildAsync("840", "wl-south", "IRO-2", "South", "2025-05-13 PN1");
        await ChildAsync("840", "wl-later", "IRO-2", "South", "2025-05-13 PN1", "2025-08-13 PN2");

        // Thursday 1 May + 10 working days (Monday 5 May is a bank holiday) = Friday 16 May. As at 1 May no review is held yet.
        var due = await stack.WorkListAsync("/api/reviews/due?withinWorkingDays=10&asAt=2025-05-01", "840");
        Assert.Equal("2025-05-16", (string?)due["until"]);
        Assert.Equal(
            [("wl-later", "2025-05-13", "IRO-2"), ("wl-north", "2025-05-13", "IRO-1"), ("wl-south", "2025-05-13", "IRO-2")],
            Listed(due));
        Assert.Equal([("wl-north", "2025-05-13", "IRO-1")],
            Listed(await stack.WorkListAsync("/api/reviews/due?withinWorkingDays=10&asAt=2025-05-01&team=north", "840")));
        Assert.Equal(["wl-later", "wl-south"],
            Listed(await stack.WorkListAsync("/api/reviews/due?withinWorkingDays=10&asAt=2025-05-01&iroId=IRO-2", "840")).Select(l => l.Child));

        // Friday 1 August + 10 working days = Friday 15 August: the two reviewed in May are due 13 August.
        var august = await stack.WorkListAsync("/api/reviews/due?withinWorkingDays=10&asAt=2025-08-01", "840");
        Assert.Equal([("wl-later", "2025-08-13", "IRO-2"), ("wl-south", "2025-08-13", "IRO-2")], Listed(august));
    }

    [Fact]
    public async Task the_overdue_list_shows_children_whose_review_date_has_passed_without_a_review_most_overdue_first()
    {
        await ChildAsync("841", "od-never", "IRO-1", "North");
        await ChildAsync("841", "od-second", "IRO-2", "South", "2025-05-13 PN1");
        await ChildAsync("841", "od-kept", "IRO-2", "South", "2025-05-13 PN1", "2025-08-13 PN2");

        var overdue = await stack.WorkListAsync("/api/reviews/overdue?asAt=2025-09-01", "841");
        Assert.Equal([("od-never", "2025-05-13", "IRO-1"), ("od-second", "2025-08-13", "IRO-2")], Listed(overdue));
        // On the due date itself a review is not yet overdue.
        var onDueDate = await stack.WorkListAsync("/api/reviews/overdue?asAt=2025-05-13", "841");
        Assert.Empty(Listed(onDueDate));
        Assert.Equal(["od-second"], Listed(await stack.WorkListAsync("/api/reviews/overdue?asAt=2025-09-01&team=South", "841")).Select(l => l.Child));
    }

    [Fact]
    public async Task timeliness_counts_reviews_held_on_time_and_participation_by_iro_and_by_team()
    {
        await ChildAsync("842", "tl-one", "IRO-1", "North", "2025-05-13 PN1", "2025-08-20 PN7");
        await ChildAsync("842", "tl-two", "IRO-2", "South", "2025-05-12 PN3");

        var report = await stack.WorkListAsync("/api/reviews/timeliness?from=2025-04-01&to=2026-03-31", "842");

        var all = report["all"]!;
        Assert.Equal((3, 2, 66.7m), ((int?)all["held"], (int?)all["onTime"], (decimal?)all["percentOnTime"]));
        Assert.Equal((1, 0, 1, 1), ((int?)all["byParticipation"]!["PN1"], (int?)all["byParticipation"]!["PN2"], (int?)all["byParticipation"]!["PN3"], (int?)all["byParticipation"]!["PN7"]));
        Assert.Equal((3, 2), ((int?)all["agedFourOrOver"], (int?)all["participated"]));
        Assert.Equal(
            [("IRO-1", 2, 1, 50.0m), ("IRO-2", 1, 1, 100.0m)],
            report["byIro"]!.AsArray().Select(f => ((string?)f!["key"], (int?)f["held"], (int?)f["onTime"], (decimal?)f["percentOnTime"])));
        Assert.Equal(
            [("North", 2, 1), ("South", 1, 1)],
            report["byTeam"]!.AsArray().Select(f => ((string?)f!["key"], (int?)f["held"], (int?)f["onTime"])));
        // Both IROs allocated on Monday 14 April, the 2nd working day after DECOM: in time.
        Assert.Equal((2, 2), ((int?)report["iroAllocation"]!["periodsStarted"], (int?)report["iroAllocation"]!["allocatedInTime"]));

        var august = (await stack.WorkListAsync("/api/reviews/timeliness?from=2025-08-01&to=2025-08-31", "842"))["all"]!;
        Assert.Equal((1, 0), ((int?)august["held"], (int?)august["onTime"]));
    }

    [Fact]
    public async Task a_bad_query_value_is_refused_naming_the_parameter()
    {
        var reader = stack.ReviewsReader("843");
        var cases = new[]
        {
            ("/api/reviews/due?withinWorkingDays=ten", "withinWorkingDays"),
            ("/api/reviews/due?withinWorkingDays=-1", "withinWorkingDays"),
            ("/api/reviews/overdue?asAt=01-09-2025", "asAt"),
            ("/api/reviews/timeliness?to=2026-03-31", "from"),
            ("/api/reviews/timeliness?from=2026-04-01&to=2026-03-31", "to"),
        };
        foreach (var (url, field) in cases)
        {
            var response = await reader.GetAsync(url);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal(field, (string?)(await response.Body())["field"]);
        }
    }
}
