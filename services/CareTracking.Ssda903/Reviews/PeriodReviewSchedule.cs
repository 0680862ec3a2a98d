namespace CareTracking.Ssda903.Reviews;

/// <param name="Period">The span the schedule runs over; for a run of short breaks, from the first break to
/// the end of the last.</param>
/// <param name="Reviews">The reviews held in the period, in date order.</param>
/// <param name="NextNumber">The number of the next review.</param>
/// <param name="NextDueDate">When the next review falls due by the clock, whether or not care lasts that long.</param>
/// <param name="NextDue">The next review's due date if the child is looked after on it; none when the period
/// ended on or before it.</param>
/// <param name="MissedDue">For a period that ended after the next review fell due, without it being held, that
/// due date: the review was owed and never held.</param>
public sealed record PeriodReviewSchedule(
    PeriodOfCare Period,
    IReadOnlyList<ReviewAgainstDue> Reviews,
    int NextNumber,
    DateOnly NextDueDate,
    DateOnly? NextDue,
    DateOnly? MissedDue);
