using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using CareTracking.Contracts.Placements;
using CareTracking.IntegrationTests.Harness;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using static CareTracking.IntegrationTests.Reviews.ReviewRequests;

namespace CareTracking.IntegrationTests.Reviews;

/// <summary>What Reviews learns from Placements' care-period messages, including redeliveries and corrections.</summary>
public sealed class CarePeriodMessageTests(ReviewsStack stack) : IClassFixture<ReviewsStack>
{
    [Fact]
    public async Task the_same_care_period_started_delivered_twice_is_noted_once()
    {
        var bus = stack.Reviews.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedMessages();
        using var _ = bus.ConnectConsumeObserver(consumed);
        var messageId = Guid.NewGuid();
        var message = new CarePeriodStarted("831", "cp-twice", new DateOnly(2025, 4, 10), "C2", "U4", "DE", "F", new DateOnly(2015, 6, 1), Guid.NewGuid());

        await bus.Publish(message, context => context.MessageId = messageId);
        await bus.Publish(message, context => context.MessageId = messageId);

        var deliveries = await Eventually.Within(TimeSpan.FromSeconds(30), () => Task.FromResult(consumed.Count(messageId)), n => n >= 2);
        Assert.Equal(2, deliveries);
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'reviews:cp-twice'"));
        Assert.Equal(1, await stack.ScalarAsync($"select count(*) from eventstore.ct_inbox where message_id = '{messageId}'"));
    }

    [Fact]
    public async Task a_retracted_ending_reopens_the_period_and_its_review_clock()
    {
        await stack.EnterCareAsync("cp-reopen", "2025-04-10");
        var placements = stack.PlacementsWriter();
        var ceased = await placements.Post("/api/children/cp-reopen/ceased-care", new { date = "2025-05-01", reason = "E13" });
        Assert.Equal(HttpStatusCode.Created, ceased.StatusCode);
        await stack.WaitForNotedAsync("831", "cp-reopen", "reviews.care-period-end-noted.v1", 1);
        var ended = await stack.ChildReviewsAsync("cp-reopen");
        Assert.Null((string?)ended["nextDue"]);

        var retraction = await placements.Post("/api/children/cp-reopen/retractions",
            new { retractedEventId = (string?)(await ceased.Body())["eventId"], reason = "Recorded against the wrong child" });
        Assert.Equal(HttpStatusCode.Created, retraction.StatusCode);
        await stack.WaitForNotedAsync("831", "cp-reopen", "reviews.care-period-reopen-noted.v1", 1);

        var reopened = await stack.ChildReviewsAsync("cp-reopen");
        Assert.Equal("2025-05-13", (string?)reopened["nextDue"]);
        // Placements stamped each message with its event's version in the child's stream (entry 1, ending 2,
        // retraction 3), and Reviews kept it beside what it noted.
        Assert.Equal(3, await stack.ScalarAsync(
            """
            select count(*) from eventstore.mt_events where stream_id = 'reviews:cp-reopen' and (type, data->>'sourceVersion') in
                (('reviews.care-period-noted.v1', '1'), ('reviews.care-period-end-noted.v1', '2'), ('reviews.care-period-reopen-noted.v1', '3'))
            """));
        // Looked after again after the retracted end: a review then is in the period.
        Assert.Equal(HttpStatusCode.Created, (await stack.ReviewsWriter().Post("/api/children/cp-reopen/reviews", Review("2025-05-12"))).StatusCode);
    }

    [Fact]
    public async Task a_withdrawn_period_leaves_its_reviews_outside_any_period_of_care()
    {
        var entered = await stack.PlacementsWriter().Post("/api/children/cp-withdrawn/entered-care", Requests.EnteredCare(date: "2025-04-10"));
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        await stack.WaitForNotedAsync("831", "cp-withdrawn", "reviews.care-period-noted.v1", 1);
        Assert.Equal(HttpStatusCode.Created, (await stack.ReviewsWriter().Post("/api/children/cp-withdrawn/reviews", Review("2025-05-13"))).StatusCode);

        var retraction = await stack.PlacementsWriter().Post("/api/children/cp-withdrawn/retractions",
            new { retractedEventId = (string?)(await entered.Body())["eventId"], reason = "Entered care was recorded for the wrong child" });
        Assert.Equal(HttpStatusCode.Created, retraction.StatusCode);
        await stack.WaitForNotedAsync("831", "cp-withdrawn", "reviews.care-period-withdrawal-noted.v1", 1);

        var view = await stack.ChildReviewsAsync("cp-withdrawn");
        var review = view["reviews"]![0]!;
        Assert.Equal(("awaitingCarePeriod", false), ((string?)review["placing"], (bool?)review["onTime"]));
        Assert.Null((string?)view["nextDue"]);
    }

    /// <summary>
    /// A period from Thursday 10 April 2025 (first review due 13 May) whose ending on 1 May was retracted and which
    /// ended on 1 September instead, and a second period from 6 October whose entry was retracted. Delivered with
    /// each correction before the message it corrects, the schedule is the one of Placements' order: one period
    /// to 1 September, the review of 13 May in it and on time, the second review (due 13 August) missed, nothing
    /// due next.
    /// </summary>
    [Fact]
    public async Task corrections_that_arrive_before_the_messages_they_correct_give_the_schedule_of_the_published_order()
    {
        var inOrder = PublishedHistory("cp-in-order");
        var overtaken = PublishedHistory("cp-overtaken");
        foreach (var childId in new[] { "cp-in-order", "cp-overtaken" })
            Assert.Equal(HttpStatusCode.Created, (await stack.ReviewsWriter().Post($"/api/children/{childId}/reviews", Review("2025-05-13"))).StatusCode);

        await DeliverOneByOneAsync("cp-in-order", inOrder);
        // Withdrawal (v6) before its start (v5), reopening (v3) before the ending it retracts (v2), the final
        // ending (v4) before the first start.
        await DeliverOneByOneAsync("cp-overtaken", [overtaken[5], overtaken[2], overtaken[3], overtaken[4], overtaken[0], overtaken[1]]);

        var expected = await stack.ChildReviewsAsync("cp-in-order");
        var actual = await stack.ChildReviewsAsync("cp-overtaken");
        var review = actual["reviews"]![0]!;
        Assert.Equal(("inPeriodOfCare", 1, "2025-05-13", true), ((string?)review["placing"], (int?)review["number"], (string?)review["due"], (bool?)review["onTime"]));
        Assert.Equal(["2025-08-13"], actual["missedDueDates"]!.AsArray().Select(d => (string?)d));
        Assert.Null((string?)actual["nextDue"]);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"in order: {expected.ToJsonString()}{Environment.NewLine}overtaken: {actual.ToJsonString()}");
    }

    /// <summary>The messages Placements would publish for the history above, in its order, with its versions
    /// (v4 of the stream was a placement move, which Reviews does not consume, so the versions skip it).</summary>
    private static object[] PublishedHistory(string childId)
    {
        DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            new CarePeriodStarted("831", childId, D("2025-04-10"), "C2", "U4", "DE", "F", D("2015-06-01"), Guid.NewGuid(), 1),
            new CarePeriodEnded("831", childId, D("2025-04-10"), D("2025-05-01"), "E13", Guid.NewGuid(), 2),
            new CarePeriodReopened("831", childId, D("2025-04-10"), D("2025-05-01"), "C2", "U4", "DE", Guid.NewGuid(), 3),
            new CarePeriodEnded("831", childId, D("2025-04-10"), D("2025-09-01"), "E4A", Guid.NewGuid(), 5),
            new CarePeriodStarted("831", childId, D("2025-10-06"), "C2", "U4", "DE", "F", D("2015-06-01"), Guid.NewGuid(), 6),
            new CarePeriodWithdrawn("831", childId, D("2025-10-06"), Guid.NewGuid(), 7),
        ];
    }

    /// <summary>Publishes each message on the class's vhost and waits until Reviews has noted it before the next,
    /// so that they are applied in exactly this order.</summary>
    private async Task DeliverOneByOneAsync(string childId, IReadOnlyList<object> messages)
    {
        var bus = stack.Reviews.Services.GetRequiredService<IBus>();
        var sql = $"select count(*) from eventstore.mt_events where tenant_id = '831' and stream_id = 'reviews:{childId}' and type like 'reviews.care-period-%'";
        for (var i = 0; i < messages.Count; i++)
        {
            await bus.Publish(messages[i], messages[i].GetType(), context => context.MessageId = Guid.NewGuid());
            var noted = await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.ScalarAsync(sql), n => n >= i + 1);
            Assert.Equal(i + 1, noted);
        }
    }

    private sealed class ConsumedMessages : IConsumeObserver
    {
        private readonly ConcurrentDictionary<Guid, int> counts = new();

        public int Count(Guid messageId) => counts.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId is { } id) counts.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
