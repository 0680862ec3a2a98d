using CareTracking.Ssda903.Calendar;

namespace CareTracking.Ssda903.Reviews;

/// <param name="Due">The 5th working day after DECOM (DECOM is day 0).</param>
/// <param name="AllocatedOn">The earliest allocation on or after DECOM and before the next period of care
/// starts; none if there was none.</param>
public sealed record IroAllocationInTime(PeriodOfCare Period, DateOnly Due, DateOnly? AllocatedOn)
{
    /// <summary>Allocated on or before the due date; no allocation is not in time.</summary>
    public bool InTime => AllocatedOn is { } allocated && allocated <= Due;
}

/// <summary>
/// An Independent Reviewing Officer (IRO) should be allocated to each period of care within 5 working days
/// of its start (good practice, docs/measures.md, Reviews and IRO). An allocation before DECOM belongs to no period:
/// the IRO is allocated to the child's care, which has not begun.
/// </summary>
public static class IroAllocationTimeliness
{
    public const int WorkingDaysAllowed = 5;

    public static IroAllocationInTime For(PeriodOfCare period, DateOnly? nextPeriodStart, IEnumerable<DateOnly> allocations, WorkingDays workingDays)
    {
        var earliest = allocations
            .Where(d => d >= period.Start && (nextPeriodStart is null || d < nextPeriodStart))
            .Order()
            .Cast<DateOnly?>()
            .FirstOrDefault();
        return new IroAllocationInTime(period, workingDays.AddWorkingDays(period.Start, WorkingDaysAllowed), earliest);
    }

    /// <summary>One answer per period of care, in date order.</summary>
    public static IReadOnlyList<IroAllocationInTime> ForChild(IEnumerable<PeriodOfCare> periods, IEnumerable<DateOnly> allocations, WorkingDays workingDays)
    {
        var ordered = periods.OrderBy(p => p.Start).ToList();
        var dates = allocations.ToList();
        return [.. ordered.Select((p, i) => For(p, i + 1 < ordered.Count ? ordered[i + 1].Start : null, dates, workingDays))];
    }
}
