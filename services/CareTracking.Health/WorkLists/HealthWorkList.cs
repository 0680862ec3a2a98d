using CareTracking.Health.Children;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Health;

namespace CareTracking.Health.WorkLists;

/// <summary>A child on the health team's work list: the assessment due, and how many working days are left
/// (negative when overdue: working days since the due date).</summary>
public sealed record HealthWorkItem(string ChildId, AssessmentKind Kind, DateOnly DueDate, DateOnly? LastAssessment, int WorkingDaysLeft);

/// <summary>
/// The looked-after-children health team's work lists as at a date: assessments falling due within N working
/// days (today counts as 0, so N = 0 is those due today), and assessments overdue. Children not looked after on
/// the date, or on a short break, are on neither. Sorted by due date, then child id.
/// </summary>
public static class HealthWorkList
{
    public static IReadOnlyList<HealthWorkItem> DueWithin(
        IEnumerable<(string ChildId, HealthChild Child)> children, DateOnly asAt, int withinWorkingDays, WorkingDays workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(withinWorkingDays);
        var until = workingDays.AddWorkingDays(asAt, withinWorkingDays);
        return Items(children, asAt, workingDays, due => due.DueDate >= asAt && due.DueDate <= until);
    }

    public static IReadOnlyList<HealthWorkItem> Overdue(
        IEnumerable<(string ChildId, HealthChild Child)> children, DateOnly asAt, WorkingDays workingDays) =>
        Items(children, asAt, workingDays, due => due.IsOverdueOn(asAt));

    private static List<HealthWorkItem> Items(
        IEnumerable<(string ChildId, HealthChild Child)> children, DateOnly asAt, WorkingDays workingDays, Func<HealthAssessmentDue, bool> include) =>
    [
        .. children
            .Select(c => (c.ChildId, Due: c.Child.DueAt(asAt, workingDays)))
            .Where(c => c.Due is not null && include(c.Due))
            .Select(c => new HealthWorkItem(c.ChildId, c.Due!.Kind, c.Due.DueDate, c.Due.LastAssessment, workingDays.WorkingDaysBetween(asAt, c.Due.DueDate)))
            .OrderBy(i => i.DueDate).ThenBy(i => i.ChildId, StringComparer.Ordinal),
    ];
}
