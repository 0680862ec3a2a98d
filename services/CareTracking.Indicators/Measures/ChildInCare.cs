using CareTracking.Indicators.Model;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// A child's history as the committee counts it: short breaks (V3/V4) set aside, the rest grouped into
/// periods of care and placements. The short-break episodes are kept only for the review clock.
/// </summary>
internal sealed class ChildInCare
{
    public ChildInCare(ChildHistory history, IndicatorSwitches switches)
    {
        History = history;
        Episodes = history.Episodes.Where(e => !CodeGroups.IsShortBreak(e.LegalStatus)).OrderBy(e => e.Start).ToList();
        ShortBreaks = history.Episodes.Where(e => CodeGroups.IsShortBreak(e.LegalStatus)).OrderBy(e => e.Start).ToList();
        Periods = PeriodOfCare.From(Episodes);
        Placements = Periods.SelectMany(p => Placement.Within(p, switches)).ToList();
    }

    public ChildHistory History { get; }

    public IReadOnlyList<EpisodeRow> Episodes { get; }

    public IReadOnlyList<EpisodeRow> ShortBreaks { get; }

    public IReadOnlyList<PeriodOfCare> Periods { get; }

    public IReadOnlyList<Placement> Placements { get; }

    /// <summary>The episode open on D (DECOM ≤ D and DEC empty or after D), if the child is looked after.</summary>
    public EpisodeRow? EpisodeOn(DateOnly date) =>
        Episodes.LastOrDefault(e => e.Start <= date && (e.End is null || e.End > date));

    public bool LookedAfterOn(DateOnly date) => EpisodeOn(date) is not null;

    public bool LookedAfterDuring(ReportWindow window) => Periods.Any(p => p.OverlapsWindow(window));

    public PeriodOfCare? PeriodOn(DateOnly date) =>
        Periods.LastOrDefault(p => p.Start <= date && (p.End is null || p.End > date));

    public Placement? PlacementOn(DateOnly date) =>
        Placements.LastOrDefault(p => p.Start <= date && (p.End is null || p.End > date));

    /// <summary>Age in whole years on the date; null when the date of birth is not known.</summary>
    public int? AgeOn(DateOnly date)
    {
        if (History.DateOfBirth is not { } born)
        {
            return null;
        }

        var age = date.Year - born.Year;
        return born.AddYears(age) > date ? age - 1 : age;
    }
}
