using System.Net;
using CareTracking.IntegrationTests.Harness;

namespace CareTracking.IntegrationTests.Missing;

/// <summary>Reports recorded after the child was already back (history, e.g. from a 903 return), as a force's own
/// AMQP client and the case system see them: no alert for them, and they count in later live alerts.</summary>
public sealed class ReportAfterReturnTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task a_report_with_its_return_sends_no_alert_a_retry_appends_nothing_and_a_later_live_alert_counts_it()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        await stack.InCareAsync("831", "history-1");
        var missing = stack.MissingClient("831");

        // Two historic episodes, 20 and 10 days ago, each back six hours later: recorded, returned, silent.
        var episodes = new List<string>();
        foreach (var daysAgo in new[] { 20, 10 })
        {
            var lastSeen = HoursAgo(daysAgo * 24);
            var body = MissingRequests.ReportAfterReturn("history-1", lastSeen, lastSeen.AddHours(6), foundArea: "DE");
            var response = await missing.Post("/api/missing-episodes", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var answer = await response.Body();
            Assert.Equal("returned", (string?)answer["status"]);
            var episodeId = (string)answer["episodeId"]!;
            episodes.Add(episodeId);

            // A retry without an event id lands on the same derived episode id and appends nothing.
            var events = await stack.EventCountAsync($"episode:{episodeId}");
            var retry = await missing.Post("/api/missing-episodes", body);
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(episodeId, (string?)(await retry.Body())["episodeId"]);
            Assert.Equal((2L, 2L), (events, await stack.EventCountAsync($"episode:{episodeId}")));

            var episode = await (await missing.GetAsync($"/api/missing-episodes/{episodeId}")).Body();
            Assert.Equal(lastSeen.AddHours(6 + 72), DateTimeOffset.Parse((string)episode["returnInterview"]!["dueBy"]!));
        }
        Assert.Equal(0, await stack.AlertsInOutboxAsync("history-1"));

        // The live report two days ago is the third incident in 30 days: reported and repeat-threshold, counting both.
        var live = await missing.Post("/api/missing-episodes", MissingRequests.Report("history-1", HoursAgo(48)));
        Assert.Equal(HttpStatusCode.Created, live.StatusCode);
        var liveId = (string)(await live.Body())["episodeId"]!;

        var alerts = (await derbyshire.WaitForAsync(r => r.Count(a => a.IsAbout("history-1")) >= 2)).Where(a => a.IsAbout("history-1")).ToList();
        Assert.Equal(["reported", "repeat-threshold"], alerts.Select(a => a.Kind));
        Assert.All(alerts, a => Assert.Equal((liveId, 3, 3),
            ((string)a.Body["episodeId"]!, (int)a.Body["incidentsLast30Days"]!, (int)a.Body["incidentsLast90Days"]!)));
        await Task.Delay(500);
        Assert.DoesNotContain(derbyshire.Received, a => episodes.Contains((string)a.Body["episodeId"]!));
        var list = await (await missing.GetAsync("/api/children/history-1/missing-episodes")).Body();
        Assert.Equal((3, 3), ((int)list["incidentsLast30Days"]!, (int)list["incidentsLast90Days"]!));
    }

    [Fact]
    public async Task a_report_with_its_return_held_for_care_is_confirmed_later_without_any_alert()
    {
        await using var derbyshire = await PoliceQueue.BindAsync(stack.Stack.Broker, "derbyshire");
        var missing = stack.MissingClient("831");
        var lastSeen = HoursAgo(30);

        var held = await missing.Post("/api/missing-episodes", MissingRequests.ReportAfterReturn("history-2", lastSeen, lastSeen.AddHours(5)));
        Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        var episodeId = (string)(await held.Body())["episodeId"]!;
        await stack.InCareAsync("831", "history-2");

        var confirmed = await Eventually.Within(TimeSpan.FromSeconds(20),
            async () => (string?)(await (await missing.GetAsync($"/api/missing-episodes/{episodeId}")).Body())["status"], s => s == "returned");
        Assert.Equal("returned", confirmed);
        Assert.Equal(3, await stack.EventCountAsync($"episode:{episodeId}")); // reported, returned, care confirmed
        await Task.Delay(1000);
        Assert.Equal(0, await stack.AlertsInOutboxAsync("history-2"));
        Assert.DoesNotContain(derbyshire.Received, a => a.IsAbout("history-2"));
    }

    [Theory]
    [InlineData("before-last-seen", "returnedAt", "return.before-last-seen")]
    [InlineData("in-future", "returnedAt", "return.in-future")]
    [InlineData("found-area-alone", "foundArea", "report.found-area-without-return")]
    public async Task a_report_with_a_return_breaking_a_rule_is_422_naming_the_field_and_appends_nothing(string @case, string field, string rule)
    {
        var childId = $"history-{@case}";
        await stack.InCareAsync("831", childId);
        var before = await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events");
        var lastSeen = HoursAgo(10);
        object body = @case switch
        {
            "before-last-seen" => MissingRequests.ReportAfterReturn(childId, lastSeen, lastSeen),
            "in-future" => MissingRequests.ReportAfterReturn(childId, lastSeen, HoursAgo(-1)),
            _ => new
            {
                childId, kind = "M", lastSeenAt = lastSeen, reportedAt = lastSeen, riskLevel = "medium",
                exploitationRisk = new { criminal = false, sexual = false }, foundArea = "DE"
            },
        };

        var response = await stack.MissingClient("831").Post("/api/missing-episodes", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Body();
        Assert.Equal((field, rule), ((string?)problem["field"], (string?)problem["rule"]));
        Assert.Equal(before, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events"));
    }
}
