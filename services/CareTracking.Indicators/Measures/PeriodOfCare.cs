using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// A period of care: consecutive episodes joined by REC = X1, from the first DECOM to the DEC of the
/// first episode that ends with any other reason. A child can have several in a year.
/// </summary>
public sealed record PeriodOfCare(IReadOnlyList<EpisodeRow> Episodes)
{
    public DateOnly Start => Episodes[0].Decom;

    /// <summary>The day the child ceased to be looked after; null while the period is open.</summary>
    public DateOnly? End => Episodes[^1].Dec;

    /// <summary>REC of the final episode: why the child ceased to be looked after.</summary>
    public string? ReasonEnded => Episodes[^1].Rec;

    /// <summary>Ended (with a reason other than X1) on a day inside the window.</summary>
    public bool EndedIn(ReportWindow window) =>
        End is { } end && window.Contains(end) && ReasonEnded is not null && ReasonEnded != CodeGroups.Continues;

    /// <summary>Looked after on some day of the window (the day of ceasing is not a day in care).</summary>
    public bool OverlapsWindow(ReportWindow window) => Start <= window.To && (End is null || End > window.From);

    /// <summary>
    /// Groups episodes into periods of care. Episodes are taken in DECOM order; an episode joins the
    /// period before it when that period's last episode ended with X1.
    /// </summary>
    public static IReadOnlyList<PeriodOfCare> From(IEnumerable<EpisodeRow> episodes)
    {
        var periods = new List<PeriodOfCare>();
        var current = new List<EpisodeRow>();
        foreach (var episode in episodes.OrderBy(e => e.Decom))
        {
            if (current.Count > 0 && current[^1].Rec != CodeGroups.Continues)
            {
                periods.Add(new PeriodOfCare(current));
                current = [];
            }

            current.Add(episode);
        }

        if (current.Count > 0)
        {
            periods.Add(new PeriodOfCare(current));
        }

        return periods;
    }
}
