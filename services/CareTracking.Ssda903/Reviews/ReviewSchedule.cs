using CareTracking.Ssda903.Calendar;

namespace CareTracking.Ssda903.Reviews;

/// <summary>
/// The statutory review schedule for a looked-after child (Care Planning, Placement and Case Review
/// (England) Regulations 2010, regulation 33): the first review within 20 working days of the start of
/// the period of care (DECOM is day 0), the second within 3 calendar months of the first review held, each
/// later one within 6 calendar months of the previous one held. For short breaks (V3/V4, regulation 48)
/// the first is due 3 months after the first short break, then every 6 months. A new period of care
/// restarts the clock; a placement move within a period does not. A review belongs to the period of care
/// that contains its date. Calendar-month due dates are not moved off weekends or bank holidays: the
/// regulations count months, and moving a deadline later would hide a late review.
/// </summary>
public static class ReviewSchedule
{
    public const int FirstReviewWorkingDays = 20;
    public const int SecondReviewMonths = 3;
    public const int LaterReviewMonths = 6;
    public const int FirstShortBreakReviewMonths = 3;

    /// <summary>The schedule of one period of care. Reviews held outside the period are ignored.
    /// <paramref name="firstShortBreak"/> is the start of the first short break of the arrangement (the
    /// period's start when not given); it matters only for a short-break period.</summary>
    public static PeriodReviewSchedule ForPeriod(
        PeriodOfCare period, IEnumerable<DateOnly> held, WorkingDays workingDays, DateOnly? firstShortBreak = null)
    {
        var dates = held.Where(period.Contains).Distinct().Order().ToList();
        var reviews = new List<ReviewAgainstDue>(dates.Count);
        DateOnly? previous = null;
        foreach (var date in dates)
        {
            reviews.Add(new ReviewAgainstDue(reviews.Count + 1, date, DueDate(period, reviews.Count + 1, previous, workingDays, firstShortBreak)));
            previous = date;
        }
        var nextNumber = reviews.Count + 1;
        var nextDueDate = DueDate(period, nextNumber, previous, workingDays, firstShortBreak);
        var stillOwed = period.End is null || nextDueDate < period.End;
        return new PeriodReviewSchedule(
            period,
            reviews,
            nextNumber,
            nextDueDate,
            NextDue: stillOwed ? nextDueDate : null,
            MissedDue: period.End is not null && stillOwed ? nextDueDate : null);
    }

    /// <summary>The schedules of all a child's periods of care. Consecutive short-break periods (V3: each
    /// break is its own period) form one arrangement whose clock starts at the first break; a review between
    /// two breaks is outside any period, as the child is not looked after then.</summary>
    public static ChildReviewSchedule ForChild(IEnumerable<PeriodOfCare> periods, IEnumerable<DateOnly> held, WorkingDays workingDays)
    {
        var ordered = periods.OrderBy(p => p.Start).ToList();
        var dates = held.Distinct().Order().ToList();
        var schedules = new List<PeriodReviewSchedule>();
        foreach (var run in Runs(ordered))
        {
            var span = new PeriodOfCare(run[0].Start, run[^1].End, run[0].IsShortBreak);
            var inRun = dates.Where(d => run.Any(p => p.Contains(d)));
            schedules.Add(ForPeriod(span, inRun, workingDays, firstShortBreak: run[0].Start));
        }
        var outside = dates.Where(d => !ordered.Any(p => p.Contains(d))).ToList();
        return new ChildReviewSchedule(schedules, outside);
    }

    private static IEnumerable<List<PeriodOfCare>> Runs(List<PeriodOfCare> ordered)
    {
        List<PeriodOfCare>? run = null;
        foreach (var period in ordered)
        {
            if (run is not null && period.IsShortBreak && run[^1].IsShortBreak)
            {
                run.Add(period);
                continue;
            }
            if (run is not null) yield return run;
            run = [period];
        }
        if (run is not null) yield return run;
    }

    private static DateOnly DueDate(PeriodOfCare period, int number, DateOnly? previousHeld, WorkingDays workingDays, DateOnly? firstShortBreak)
    {
        if (number == 1)
            return period.IsShortBreak
                ? CalendarMonths.Add(firstShortBreak ?? period.Start, FirstShortBreakReviewMonths)
                : workingDays.AddWorkingDays(period.Start, FirstReviewWorkingDays);
        var months = number == 2 && !period.IsShortBreak ? SecondReviewMonths : LaterReviewMonths;
        return CalendarMonths.Add(previousHeld!.Value, months);
    }
}
