using System.Net;
using System.Text.Json.Nodes;
using CareTracking.Contracts.Placements;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Ssda903.Calendar;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.IntegrationTests.Missing;

/// <summary>
/// Placements' care messages for a child reported missing before any of them arrived, delivered in Placements'
/// order for one child and with every correction before what it corrects for another: the episodes read over
/// HTTP are the same (confirmed, closed at the end of care in force, one set of police alerts).
/// </summary>
public sealed class CareMessageOrderTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static DateTimeOffset DaysAgo(int days) =>
        new DateTimeOffset(DateTime.UtcNow.AddDays(-days).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>
    /// Entered care 100 days ago (v1), last seen 5 days ago; care ended on the day last seen (v2), that ending
    /// retracted (v3), a placement move (v4), and care ended yesterday (v5).
    /// </summary>
    private static object[] PublishedHistory(string childId, DateTimeOffset lastSeen)
    {
        var today = UkLocalDate.Of(DateTimeOffset.UtcNow);
        var (start, firstEnd, finalEnd) = (today.AddDays(-100), UkLocalDate.Of(lastSeen), today.AddDays(-1));
        return
        [
            new CarePeriodStarted("831", childId, start, "C2", "U4", "DE", "F", new DateOnly(2010, 6, 15), Guid.NewGuid(), 1),
            new CarePeriodEnded("831", childId, start, firstEnd, "E13", Guid.NewGuid(), 2),
            new CarePeriodReopened("831", childId, start, firstEnd, "C2", "U4", "DE", Guid.NewGuid(), 3),
            new PlacementChanged("831", childId, start.AddDays(20), "K2", "NG", "C2", Guid.NewGuid(), 4),
            new CarePeriodEnded("831", childId, start, finalEnd, "E4A", Guid.NewGuid(), 5),
        ];
    }

    [Fact]
    public async Task care_messages_delivered_out_of_order_give_the_episode_of_placements_order()
    {
        var lastSeen = DaysAgo(5);
        var inOrder = await HeldReportAsync("mo-in-order", lastSeen);
        var overtaken = await HeldReportAsync("mo-overtaken", lastSeen);
        var published = PublishedHistory("mo-in-order", lastSeen);
        var reordered = PublishedHistory("mo-overtaken", lastSeen);

        await DeliverOneByOneAsync("mo-in-order", published);
        // The final end (v5) first, the retraction (v3) before the end it retracts (v2), the start (v1) last.
        await DeliverOneByOneAsync("mo-overtaken", [reordered[4], reordered[2], reordered[3], reordered[1], reordered[0]]);

        var expected = await EpisodeAsync(inOrder);
        var actual = await EpisodeAsync(overtaken);
        var finalEnd = UkLocalDate.Of(DateTimeOffset.UtcNow).AddDays(-1).ToString("yyyy-MM-dd");
        Assert.Equal(("closed-care-ended", false, finalEnd, "E4A"),
            ((string?)actual["status"], (bool?)actual["awaitingCareConfirmation"], (string?)actual["closedAtEndOfCare"]?["endedOn"], (string?)actual["closedAtEndOfCare"]?["reasonEnded"]));
        foreach (var body in new[] { expected, actual })
        {
            body.AsObject().Remove("episodeId");
            body.AsObject().Remove("childId");
        }
        Assert.True(JsonNode.DeepEquals(expected, actual), $"in order: {expected.ToJsonString()}{Environment.NewLine}overtaken: {actual.ToJsonString()}");

        // Confirmed once each: the same police alerts for both.
        Assert.Equal(
            (1L, 1L),
            (await ConfirmationsAsync(inOrder), await ConfirmationsAsync(overtaken)));
        Assert.Equal(await stack.AlertsInOutboxAsync("mo-in-order"), await stack.AlertsInOutboxAsync("mo-overtaken"));
        Assert.True(await stack.AlertsInOutboxAsync("mo-overtaken") > 0);
    }

    private async Task<string> HeldReportAsync(string childId, DateTimeOffset lastSeen)
    {
        var response = await stack.MissingClient("831").Post("/api/missing-episodes", MissingRequests.Report(childId, lastSeen));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Body())["episodeId"]!;
    }

    private Task<long> ConfirmationsAsync(string episodeId) =>
        stack.Stack.ScalarAsync($"select count(*) from eventstore.mt_events where stream_id = 'episode:{episodeId}' and type = 'missing.episode-care-confirmed.v1'");

    private async Task<JsonNode> EpisodeAsync(string episodeId) =>
        await (await stack.MissingClient("831").GetAsync($"/api/missing-episodes/{episodeId}")).Body();

    /// <summary>Publishes each message on the class's vhost and waits until Missing episodes has noted it before
    /// the next, so that they are applied in exactly this order.</summary>
    private async Task DeliverOneByOneAsync(string childId, IReadOnlyList<object> messages)
    {
        var bus = stack.Missing.Services.GetRequiredService<IBus>();
        var sql = $"select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id = 'missing:{childId}' "
            + "and (type like 'missing.care-period-%' or type = 'missing.placement-noted.v1')";
        for (var i = 0; i < messages.Count; i++)
        {
            await bus.Publish(messages[i], messages[i].GetType(), context => context.MessageId = Guid.NewGuid());
            var noted = await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.Stack.ScalarAsync(sql), n => n >= i + 1);
            Assert.Equal(i + 1, noted);
        }
    }
}
