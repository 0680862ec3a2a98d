using CareTracking.Indicators.Measures;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Indicators.Committee;

/// <summary>The measures' review clock answered by the shared 903 review schedule and England's working days.</summary>
public sealed class StatutoryReviewTimeliness(WorkingDays workingDays) : IReviewTimeliness
{
    public IReadOnlyList<DateOnly> DueDates(ReviewClock clock, DateOnly clockStart, IReadOnlyList<DateOnly> reviewsHeld)
    {
        var schedule = ReviewSchedule.ForPeriod(
            new CareTracking.Ssda903.Reviews.PeriodOfCare(clockStart, null, IsShortBreak: clock == ReviewClock.ShortBreaks), reviewsHeld, workingDays, firstShortBreak: clockStart);
        var dueByHeld = schedule.Reviews.ToDictionary(r => r.Held, r => r.Due);
        // The measures hand over one clock's reviews, all on or after its start and one per date.
        return [.. reviewsHeld.Select(held => dueByHeld[held])];
    }

    public DateOnly IroAllocationDeadline(DateOnly periodStart) =>
        workingDays.AddWorkingDays(periodStart, IroAllocationTimeliness.WorkingDaysAllowed);
}
