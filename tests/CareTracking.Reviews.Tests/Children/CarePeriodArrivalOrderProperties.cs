using System.Text.Json;
using CareTracking.Contracts.Placements;
using CareTracking.Reviews.Children;
using CareTracking.Reviews.Children.NotingCarePeriods;
using CareTracking.Ssda903.Calendar;
using CareTracking.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CareTracking.Reviews.Tests.Children.ChildSpec;

namespace CareTracking.Reviews.Tests.Children;

/// <summary>
/// MassTransit consumes concurrently and redelivers after a failure, so a child's care-period messages reach
/// Reviews in any order and some more than once. Whatever the order, the periods of care (and so every review's
/// due date) must be those Placements published.
/// </summary>
public class CarePeriodArrivalOrderProperties
{
    public sealed record Arrival(PlacementsHistory History, IReadOnlyList<object> Messages)
    {
        public override string ToString() =>
            $"Published:{Environment.NewLine}{History}{Environment.NewLine}Arrived:{Environment.NewLine}{string.Join(Environment.NewLine, Messages)}";
    }

    // Two dates of birth, so the latest entry's must win; every ending for the same reason (Reviews keeps none).
    private static readonly DateOnly[] DatesOfBirth = [new(2019, 5, 20), new(2012, 11, 3)];

    private static readonly Gen<(int, int)> Dice = Gen.Zip(Gen.Choose(0, 99), Gen.Choose(0, 999));

    /// <summary>A history of up to 16 steps, and its messages in a random order with some delivered twice.</summary>
    private static readonly Arbitrary<Arrival> Arrivals = Arb.From(
        from length in Gen.Choose(1, 16)
        from dice in Gen.ListOf(Dice, length)
        let history = PlacementsHistory.Play(dice, DatesOfBirth, ["E13"])
        from redelivered in Gen.SubListOf(history.Published.ToArray())
        from messages in Gen.Shuffle(history.Published.Concat(redelivered).ToArray())
        select new Arrival(history, messages));

    [Property(MaxTest = 2000)]
    public Property every_order_of_arrival_with_redeliveries_gives_the_periods_placements_published() =>
        Prop.ForAll(Arrivals, arrival =>
        {
            var child = Deliver(arrival.Messages);
            Assert.Equal(PeriodsOf(arrival.History), child.Periods);
            Assert.Equal(arrival.History.DateOfBirth, child.DateOfBirth);
        });

    [Property(MaxTest = 500)]
    public Property every_order_of_arrival_gives_the_review_schedule_of_the_published_order() =>
        Prop.ForAll(Arrivals, arrival =>
        {
            var inOrder = Deliver(arrival.History.Published);
            var reviews = ReviewsAround(PeriodsOf(arrival.History));
            Assert.Equal(View(inOrder, reviews), View(Deliver(arrival.Messages), reviews));
        });

    [Fact]
    public void the_arrivals_generated_include_each_correction_before_what_it_corrects()
    {
        var samples = Gen.Sample(Arrivals.Generator, 2000);
        Assert.Contains(samples, a => ArrivesBefore<CarePeriodReopened, CarePeriodEnded>(a.Messages,
            (reopened, ended) => ended.StartDate == reopened.StartDate && ended.EndDate == reopened.RetractedEndDate && ended.SourceVersion < reopened.SourceVersion));
        Assert.Contains(samples, a => ArrivesBefore<CarePeriodWithdrawn, CarePeriodStarted>(a.Messages,
            (withdrawn, started) => started.StartDate == withdrawn.StartDate && started.SourceVersion < withdrawn.SourceVersion));
        Assert.Contains(samples, a => ArrivesBefore<CarePeriodEnded, CarePeriodStarted>(a.Messages,
            (ended, started) => started.StartDate == ended.StartDate && started.SourceVersion < ended.SourceVersion));
        Assert.Contains(samples, a => ArrivesBefore<CarePeriodStarted, CarePeriodWithdrawn>(a.Messages,
            (again, withdrawn) => again.StartDate == withdrawn.StartDate && again.SourceVersion > withdrawn.SourceVersion));
        Assert.Contains(samples, a => a.History.Periods.Count > 1);
    }

    /// <summary>Each message as the consumer applies it: decided on the state so far, the events folded in. Reviews
    /// does not subscribe to <see cref="PlacementChanged"/>.</summary>
    private static Child Deliver(IEnumerable<object> messages) => messages.Aggregate(Child.Initial, (state, message) =>
    {
        IReadOnlyList<ChildEvent> events = message switch
        {
            CarePeriodStarted m => NoteCarePeriodStart.Decide(NoteCarePeriodStart.From(m), state, Now),
            CarePeriodEnded m => NoteCarePeriodEnd.Decide(NoteCarePeriodEnd.From(m), state, Now),
            CarePeriodReopened m => NoteCarePeriodReopen.Decide(NoteCarePeriodReopen.From(m), state, Now),
            CarePeriodWithdrawn m => NoteCarePeriodWithdrawal.Decide(NoteCarePeriodWithdrawal.From(m), state, Now),
            PlacementChanged => [],
            _ => throw new ArgumentOutOfRangeException(nameof(messages), message.GetType().Name, "Not a Placements message."),
        };
        return events.Aggregate(state, Child.Evolve);
    });

    /// <summary>Reviews on the 10th and 120th day of each period, one a day before it starts, and one 30 days
    /// after it ends, so that the schedule numbers, dates and places reviews in and out of the periods.</summary>
    private static IReadOnlyList<CarePeriod> PeriodsOf(PlacementsHistory history) =>
        [.. history.Periods.Select(p => new CarePeriod(p.Start, p.End, p.LegalStatus))];

    private static IReadOnlyList<ChildEvent> ReviewsAround(IEnumerable<CarePeriod> periods) =>
    [
        .. periods
            .SelectMany(p => new[] { p.Start.AddDays(-1), p.Start.AddDays(10), p.Start.AddDays(120), p.End?.AddDays(30) })
            .OfType<DateOnly>().Distinct().Order()
            .Select(date => new ReviewHeld(date, "PN1")),
    ];

    private static string View(Child child, IEnumerable<ChildEvent> reviews) =>
        JsonSerializer.Serialize(ChildReviewsView.Of(reviews.Aggregate(child, Child.Evolve), WorkingDays.England), JsonSerializerOptions.Web);

    /// <summary>Whether some message of type <typeparamref name="TFirst"/> arrives before a message of type
    /// <typeparamref name="TThen"/> it is related to.</summary>
    private static bool ArrivesBefore<TFirst, TThen>(IReadOnlyList<object> messages, Func<TFirst, TThen, bool> related) =>
        messages.Select((m, i) => (m, i)).Any(first => first.m is TFirst a && messages.Skip(first.i + 1).OfType<TThen>().Any(b => related(a, b)));
}
