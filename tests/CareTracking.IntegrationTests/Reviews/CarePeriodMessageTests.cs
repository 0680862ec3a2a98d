using System.Collections.Concurrent;
using System.Net;
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
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.ct_events where stream_id = 'reviews:cp-twice'"));
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
