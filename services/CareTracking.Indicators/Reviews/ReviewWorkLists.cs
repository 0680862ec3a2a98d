using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Reviews;
using CarePeriod = CareTracking.Indicators.Measures.PeriodOfCare;
using SchedulePeriod = CareTracking.Ssda903.Reviews.PeriodOfCare;

namespace CareTracking.Indicators.Reviews;

/// <summary>A child's next statutory review as at the list's date, with the IRO allocated then.</summary>
public sealed record ReviewDue(string ChildId, int ReviewNumber, DateOnly DueDate, string? IroId, string? Team);

/// <summary>
/// The IRO work lists (docs/measures.md, Reviews and IRO) over children looked after at D, short breaks (V3/V4)
/// excluded: the next review of the period of care open at D by the 903 schedule, counting reviews held on
/// or before D. Due soon: due from D up to the Nth working day after D. Overdue: due strictly before D.
/// </summary>
public static class ReviewWorkLists
{
    public static IReadOnlyList<ReviewDue> DueSoon(IEnumerable<ChildRecord> children, DateOnly asAt, int withinWorkingDays, WorkingDays workingDays)
    {
        var last = workingDays.AddWorkingDays(asAt, withinWorkingDays);
        return [.. NextReviews(children, asAt, workingDays).Where(r => r.DueDate >= asAt && r.DueDate <= last)];
    }

    public static IReadOnlyList<ReviewDue> Overdue(IEnumerable<ChildRecord> children, DateOnly asAt, WorkingDays workingDays) =>
        [.. NextReviews(children, asAt, workingDays).Where(r => r.DueDate < asAt)];

    private static IEnumerable<ReviewDue> NextReviews(IEnumerable<ChildRecord> children, DateOnly asAt, WorkingDays workingDays) =>
        children
            .Select(child =>
            {
                var episodes = child.History.Episodes.Where(e => !CodeGroups.IsShortBreak(e.Ls));
                var current = CarePeriod.From(episodes).LastOrDefault(p => p.Start <= asAt && (p.End is null || p.End > asAt));
                if (current is null) return null;
                // As at D the period is open, whatever was recorded about its end later.
                var schedule = ReviewSchedule.ForPeriod(
                    new SchedulePeriod(current.Start, null), child.History.Reviews.Where(r => r.Date <= asAt).Select(r => r.Date), workingDays);
                var iro = child.Iros.LastOrDefault(a => a.Date <= asAt);
                return new ReviewDue(child.History.ChildId, schedule.NextNumber, schedule.NextDueDate, iro?.IroId, iro?.Team);
            })
            .OfType<ReviewDue>()
            .OrderBy(r => r.DueDate)
            .ThenBy(r => r.ChildId, StringComparer.Ordinal);
}
