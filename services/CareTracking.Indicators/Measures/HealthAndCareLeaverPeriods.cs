using CareTracking.Indicators.Model;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Codes;
using Ssda903Period = CareTracking.Ssda903.Reviews.PeriodOfCare;

namespace CareTracking.Indicators.Measures;

/// <summary>A child's episodes as the shared health and care-leaver calculations in Ssda903 take them: periods of
/// care (episodes joined by X1) and each short-break episode as a short-break period of its own.</summary>
internal static class HealthAndCareLeaverPeriods
{
    public static IReadOnlyList<Ssda903Period> PeriodsOf(ChildHistory history) =>
    [
        .. PeriodOfCare.From(history.Episodes.Where(e => !CodeGroups.IsShortBreak(e.Ls))).Select(p => new Ssda903Period(p.Start, p.End)),
        .. history.Episodes.Where(e => CodeGroups.IsShortBreak(e.Ls)).Select(e => new Ssda903Period(e.Decom, e.Dec, IsShortBreak: true)),
    ];

    public static IReadOnlyList<CareHistoryPeriod> CareHistoryOf(ChildHistory history) =>
    [
        .. PeriodOfCare.From(history.Episodes.Where(e => !CodeGroups.IsShortBreak(e.Ls))).Select(p => new CareHistoryPeriod(p.Start, p.End, p.ReasonEnded)),
        .. history.Episodes.Where(e => CodeGroups.IsShortBreak(e.Ls)).Select(e => new CareHistoryPeriod(e.Decom, e.Dec, e.Rec, IsShortBreak: true)),
    ];

    /// <summary>The OC2 and OC3 tables are for a collection year: the report's, when it ends on 31 March, otherwise
    /// the last one to end before its as-at date.</summary>
    public static CollectionYear YearOf(ReportWindow window)
    {
        var containing = CollectionYear.Of(window.AsAt);
        return window.AsAt == containing.LastDay ? containing : new CollectionYear(containing.StartYear - 1);
    }
}
