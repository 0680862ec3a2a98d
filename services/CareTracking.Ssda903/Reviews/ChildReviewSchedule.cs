namespace CareTracking.Ssda903.Reviews;

/// <param name="Periods">One schedule per period of care (a run of consecutive short-break periods is one),
/// in date order.</param>
/// <param name="OutsideAnyPeriod">Review dates that no period of care contains.</param>
public sealed record ChildReviewSchedule(IReadOnlyList<PeriodReviewSchedule> Periods, IReadOnlyList<DateOnly> OutsideAnyPeriod)
{
    /// <summary>The schedule of the latest period of care, if any.</summary>
    public PeriodReviewSchedule? Latest => Periods.Count == 0 ? null : Periods[^1];

    public DateOnly? NextDue => Latest?.NextDue;
}
