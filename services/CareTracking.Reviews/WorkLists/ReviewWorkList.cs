using CareTracking.Reviews.Children;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Reviews.WorkLists;

/// <summary>A child whose next review is due (or overdue) as at the list's date, with the IRO responsible then.</summary>
public sealed record ReviewDue(string ChildId, int Number, DateOnly DueDate, bool ShortBreak, string? IroId, string? Team);

/// <param name="Team">Only children whose IRO on the list's date is in this team.</param>
/// <param name="IroId">Only children with this IRO on the list's date.</param>
/// <param name="IncludeShortBreaks">Also list children in V3/V4 short-break arrangements (left out by default,
/// as in every count of looked-after children).</param>
public sealed record WorkListFilter(string? Team = null, string? IroId = null, bool IncludeShortBreaks = false);

/// <summary>
/// The IRO work lists (docs/measures.md, Reviews and IRO), over children looked after on the list's date D, as
/// known now: a review held on D counts, later ones do not.
/// </summary>
public static class ReviewWorkList
{
    /// <summary>Children whose next review is due from D up to the <paramref name="withinWorkingDays"/>th
    /// working day after D, earliest first.</summary>
    public static IReadOnlyList<ReviewDue> DueSoon(
        IReadOnlyDictionary<string, Child> children, DateOnly asAt, int withinWorkingDays, WorkingDays workingDays, WorkListFilter? filter = null)
    {
        var last = workingDays.AddWorkingDays(asAt, withinWorkingDays);
        return List(children, asAt, workingDays, filter, due => due >= asAt && due <= last);
    }

    /// <summary>Children whose next review was due strictly before D with none held since, most overdue first.</summary>
    public static IReadOnlyList<ReviewDue> Overdue(
        IReadOnlyDictionary<string, Child> children, DateOnly asAt, WorkingDays workingDays, WorkListFilter? filter = null) =>
        List(children, asAt, workingDays, filter, due => due < asAt);

    /// <summary>The child's next review as at D, if the child is looked after on D.</summary>
    public static ReviewDue? NextAsAt(string childId, Child child, DateOnly asAt, WorkingDays workingDays)
    {
        var current = child.PeriodOn(asAt);
        if (current is null) return null;
        var schedule = ReviewSchedule.ForChild(
            child.Periods.Where(p => p.Start <= asAt).Select(p => p.ToPeriodOfCare()),
            child.Reviews.Where(r => r.Date <= asAt).Select(r => r.Date),
            workingDays);
        var running = schedule.Periods.LastOrDefault(s => s.Period.Start <= current.Start);
        if (running?.NextDue is not { } due) return null;
        var iro = child.IroOn(asAt);
        return new ReviewDue(childId, running.NextNumber, due, current.IsShortBreak, iro?.IroId, iro?.Team);
    }

    private static IReadOnlyList<ReviewDue> List(
        IReadOnlyDictionary<string, Child> children, DateOnly asAt, WorkingDays workingDays, WorkListFilter? filter, Func<DateOnly, bool> selects)
    {
        filter ??= new WorkListFilter();
        return
        [
            .. children
                .Select(c => NextAsAt(c.Key, c.Value, asAt, workingDays))
                .OfType<ReviewDue>()
                .Where(d => filter.IncludeShortBreaks || !d.ShortBreak)
                .Where(d => filter.Team is null || string.Equals(d.Team, filter.Team, StringComparison.OrdinalIgnoreCase))
                .Where(d => filter.IroId is null || string.Equals(d.IroId, filter.IroId, StringComparison.OrdinalIgnoreCase))
                .Where(d => selects(d.DueDate))
                .OrderBy(d => d.DueDate)
                .ThenBy(d => d.ChildId, StringComparer.Ordinal),
        ];
    }
}
