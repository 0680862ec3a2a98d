namespace CareTracking.Indicators.Measures;

/// <summary>
/// Which statutory clock a series of reviews runs on. A period of care: first review 20 working days
/// after DECOM, second 3 months after the first was held, then every 6 months. Short breaks (V3/V4,
/// regulation 48): first 3 months after the first short break, then every 6 months.
/// </summary>
public enum ReviewClock
{
    PeriodOfCare,
    ShortBreaks,
}

/// <summary>
/// The statutory review schedule and England's working days, which the shared CareTracking.Ssda903
/// library (Calendar, Reviews) provides. The measures only ask it for dates; deciding which reviews and
/// periods are counted stays here. New histories are assessed on several threads at once, so an
/// implementation must answer concurrent calls.
/// </summary>
public interface IReviewTimeliness
{
    /// <summary>
    /// The due date of each review held on one clock, in the order given (ascending dates): the first
    /// from <paramref name="clockStart"/>, each later one from the review held before it.
    /// </summary>
    IReadOnlyList<DateOnly> DueDates(ReviewClock clock, DateOnly clockStart, IReadOnlyList<DateOnly> reviewsHeld);

    /// <summary>The last day an IRO can be allocated in time: the 5th working day after DECOM (day 0).</summary>
    DateOnly IroAllocationDeadline(DateOnly periodStart);
}
