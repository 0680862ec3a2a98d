using CareTracking.Indicators.Measures;

namespace CareTracking.Indicators.Tests;

/// <summary>
/// Stands in for the shared statutory review schedule: each test writes down, by hand, the due date of
/// each review it holds on each clock, and the IRO deadline of each DECOM. A question the test did not
/// answer fails the test, so a review put on the wrong clock (or the wrong clock start) is caught.
/// </summary>
internal sealed class HandComputedReviewSchedule : IReviewTimeliness
{
    private readonly Dictionary<(ReviewClock Clock, DateOnly ClockStart, DateOnly Held), DateOnly> dueDates = [];
    private readonly Dictionary<DateOnly, DateOnly> iroDeadlines = [];

    public HandComputedReviewSchedule Due(ReviewClock clock, string clockStart, string held, string due)
    {
        dueDates[(clock, Histories.D(clockStart), Histories.D(held))] = Histories.D(due);
        return this;
    }

    public HandComputedReviewSchedule IroDeadline(string periodStart, string deadline)
    {
        iroDeadlines[Histories.D(periodStart)] = Histories.D(deadline);
        return this;
    }

    public IReadOnlyList<DateOnly> DueDates(ReviewClock clock, DateOnly clockStart, IReadOnlyList<DateOnly> reviewsHeld) =>
        reviewsHeld.Select(held => dueDates.TryGetValue((clock, clockStart, held), out var due)
            ? due
            : throw new InvalidOperationException($"No due date written for a review held {held} on the {clock} clock from {clockStart}."))
            .ToList();

    public DateOnly IroAllocationDeadline(DateOnly periodStart) =>
        iroDeadlines.TryGetValue(periodStart, out var deadline)
            ? deadline
            : throw new InvalidOperationException($"No IRO deadline written for a period starting {periodStart}.");
}
