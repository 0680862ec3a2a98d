using System.Net;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.IntegrationTests.Missing;

/// <summary>
/// A child missing when Placements records that care ended: the episode is closed as at the end of care (not
/// a return: no return interview, no "returned" alert), a retraction of that ending opens it again, and
/// episodes of one child do not overlap (903 rules 574, 575, 580).
/// </summary>
public sealed class EndOfCareTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>Yesterday in England: a date care can have ended on, with today after it.</summary>
    private static DateOnly YesterdayInEngland => UkLocalDate.Of(DateTimeOffset.UtcNow).AddDays(-1);

    private HttpClient Placements => stack.Placements.ClientFor("831", Scopes.PlacementsWrite);

    private async Task<string> ReportAsync(string childId, DateTimeOffset lastSeen, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await stack.MissingClient("831").Post("/api/missing-episodes", MissingRequests.Report(childId, lastSeen));
        Assert.Equal(expected, response.StatusCode);
        return (string)(await response.Body())["episodeId"]!;
    }

    private async Task<string> CeaseCareAsync(string childId, DateOnly date, string reason = "E8")
    {
        var response = await Placements.Post($"/api/children/{childId}/ceased-care", new { date, reason });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.Body())["eventId"]!;
    }

    private async Task<JsonNode> EpisodeOnceAsync(string episodeId, string status) =>
        await Eventually.Within(TimeSpan.FromSeconds(20),
            async () => await (await stack.MissingClient("831").GetAsync($"/api/missing-episodes/{episodeId}")).Body(),
            b => (string?)b["status"] == status);

    private Task<long> EventsOfTypeAsync(string streamId, string type) =>
        stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where stream_id = '{streamId}' and type = '{type}'");

    [Fact]
    public async Task a_child_missing_when_care_ends_has_the_episode_closed_with_no_return_interview_due_and_no_returned_alert()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        await stack.InCareAsync("831", "eoc-1");
        var episodeId = await ReportAsync("eoc-1", HoursAgo(72));
        await derbyshire.WaitForAsync(r => r.Any(a => a.IsAbout("eoc-1")));

        var endedOn = YesterdayInEngland;
        await CeaseCareAsync("eoc-1", endedOn);

        var episode = await EpisodeOnceAsync(episodeId, "closed-care-ended");
        Assert.Equal("closed-care-ended", (string?)episode["status"]);
        Assert.Equal((endedOn.ToString("yyyy-MM-dd"), "care-ended", "E8"),
            ((string?)episode["closedAtEndOfCare"]?["endedOn"], (string?)episode["closedAtEndOfCare"]?["reason"], (string?)episode["closedAtEndOfCare"]?["reasonEnded"]));
        Assert.Null(episode["returnedAt"]);
        Assert.Equal("not-due", (string?)episode["returnInterview"]!["status"]);
        Assert.Null(episode["returnInterview"]!["dueBy"]);
        // Closed in the same append as the note of the message: both streams carry it.
        Assert.Equal((1L, 1L, 1L), (
            await EventsOfTypeAsync($"episode:{episodeId}", "missing.episode-closed-at-end-of-care.v1"),
            await EventsOfTypeAsync("missing:eoc-1", "missing.care-period-end-noted.v1"),
            await EventsOfTypeAsync("missing:eoc-1", "missing.episode-closed-noted.v1")));

        var list = await (await stack.MissingClient("831").GetAsync("/api/children/eoc-1/missing-episodes")).Body();
        Assert.Equal((1, "closed-care-ended", endedOn.ToString("yyyy-MM-dd")),
            ((int)list["incidentsLast30Days"]!, (string?)list["episodes"]![0]!["status"], (string?)list["episodes"]![0]!["closedAtEndOfCareOn"]));

        // The police heard of the report only: no "returned" (the child was not found).
        await Task.Delay(1000);
        Assert.Equal(["reported"], derbyshire.Received.Where(a => a.IsAbout("eoc-1")).Select(a => a.Kind));
        Assert.Equal(1L, await stack.AlertsInOutboxAsync("eoc-1"));
    }

    [Fact]
    public async Task a_return_after_the_day_care_ended_is_refused_and_one_before_it_replaces_the_closure()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        await stack.InCareAsync("831", "eoc-2");
        var lastSeen = HoursAgo(96);
        var episodeId = await ReportAsync("eoc-2", lastSeen);
        await CeaseCareAsync("eoc-2", YesterdayInEngland);
        await EpisodeOnceAsync(episodeId, "closed-care-ended");
        var missing = stack.MissingClient("831");

        var late = await missing.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(HoursAgo(0)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        var problem = await late.Body();
        Assert.Equal(("returnedAt", "return.after-care-ended"), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(2L, await stack.EventCountAsync($"episode:{episodeId}"));

        // Found 6 hours after last seen, days before care ended: recorded late, it is the episode's end.
        var foundAt = lastSeen.AddHours(6);
        var found = await missing.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(foundAt));

        Assert.Equal(HttpStatusCode.Created, found.StatusCode);
        var episode = await (await missing.GetAsync($"/api/missing-episodes/{episodeId}")).Body();
        Assert.Equal(("returned", "overdue"), ((string?)episode["status"], (string?)episode["returnInterview"]!["status"]));
        Assert.Null(episode["closedAtEndOfCare"]);
        var alerts = await derbyshire.WaitForAsync(r => r.Count(a => a.IsAbout("eoc-2")) >= 2);
        Assert.Equal(["reported", "returned"], alerts.Where(a => a.IsAbout("eoc-2")).Select(a => a.Kind));
    }

    [Fact]
    public async Task a_retracted_end_of_care_reopens_the_episode_it_closed()
    {
        await stack.InCareAsync("831", "eoc-3");
        var episodeId = await ReportAsync("eoc-3", HoursAgo(72));
        var ceased = await CeaseCareAsync("eoc-3", YesterdayInEngland);
        await EpisodeOnceAsync(episodeId, "closed-care-ended");

        var retraction = await Placements.Post("/api/children/eoc-3/retractions", new { retractedEventId = ceased, reason = "Recorded against the wrong child" });
        Assert.Equal(HttpStatusCode.Created, retraction.StatusCode);

        var episode = await EpisodeOnceAsync(episodeId, "missing");
        Assert.Equal("missing", (string?)episode["status"]);
        Assert.Null(episode["closedAtEndOfCare"]);
        Assert.Equal(1L, await EventsOfTypeAsync($"episode:{episodeId}", "missing.episode-reopened.v1"));
        // Open again: a second report for the child is refused as before.
        var second = await stack.MissingClient("831").Post("/api/missing-episodes", MissingRequests.Report("eoc-3", HoursAgo(1)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("episode.already-open", (string?)(await second.Body())["rule"]);
    }

    [Fact]
    public async Task a_report_reaching_the_service_after_care_ended_is_closed_at_that_end_at_once()
    {
        await stack.InCareAsync("831", "eoc-4");
        await CeaseCareAsync("eoc-4", YesterdayInEngland);
        await Eventually.Within(TimeSpan.FromSeconds(20), () => EventsOfTypeAsync("missing:eoc-4", "missing.care-period-end-noted.v1"), n => n > 0);

        var response = await stack.MissingClient("831").Post("/api/missing-episodes", MissingRequests.Report("eoc-4", HoursAgo(72)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("closed-care-ended", (string?)(await response.Body())["status"]);
    }

    [Fact]
    public async Task a_report_last_seen_within_an_earlier_episode_is_422_episode_overlaps_and_appends_nothing()
    {
        await stack.InCareAsync("831", "eoc-5");
        var missing = stack.MissingClient("831");
        var episodeId = await ReportAsync("eoc-5", HoursAgo(10));
        Assert.Equal(HttpStatusCode.Created, (await missing.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(HoursAgo(4)))).StatusCode);
        var before = await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events");

        var overlapping = await missing.Post("/api/missing-episodes", MissingRequests.Report("eoc-5", HoursAgo(6)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, overlapping.StatusCode);
        var problem = await overlapping.Body();
        Assert.Equal(("lastSeenAt", "episode.overlaps"), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(before, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events"));
    }
}
