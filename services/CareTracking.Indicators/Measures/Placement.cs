using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// A placement in the committee's sense: a run of episodes with the same carer inside one period of care.
/// A legal-status change (RNE L), a change of placement record with the same carers (RNE T/U, unless the
/// switch says otherwise) and a temporary placement (T0–T4) with the return to the same placement after
/// it do not begin a new one.
/// </summary>
public sealed record Placement(PeriodOfCare PeriodOfCare, IReadOnlyList<EpisodeRow> Episodes)
{
    public DateOnly Start => Episodes[0].Decom;

    /// <summary>The day the carer changed or care ended; null while the placement is open.</summary>
    public DateOnly? End => Episodes[^1].Dec;

    /// <summary>REASON_PLACE_CHANGE, which 903 records on the episode that ends.</summary>
    public string? ReasonPlaceChange => Episodes[^1].ReasonPlaceChange;

    /// <summary>Open on some day of the window: started by its last day and ended after its first.</summary>
    public bool OpenDuring(ReportWindow window) => Start <= window.To && (End is null || End > window.From);

    public static IReadOnlyList<Placement> Within(PeriodOfCare period, IndicatorSwitches switches)
    {
        var placements = new List<Placement>();
        var current = new List<EpisodeRow>();

        // The last non-temporary episode before a run of temporary ones: 903 rule 383 says the child has
        // returned to the same placement when PLACE and PL_POST equal that episode's.
        EpisodeRow? beforeTemporary = null;

        foreach (var episode in period.Episodes)
        {
            var temporary = CodeGroups.IsTemporary(episode.Place);
            var previous = current.Count > 0 ? current[^1] : null;
            var returnsToSamePlacement = !temporary
                && previous is not null
                && CodeGroups.IsTemporary(previous.Place)
                && beforeTemporary is not null
                && beforeTemporary.Place == episode.Place
                && beforeTemporary.PlPost == episode.PlPost;

            var startsNew = current.Count == 0
                || (!temporary && !returnsToSamePlacement && BeginsNewCarer(episode, switches));

            if (startsNew && current.Count > 0)
            {
                placements.Add(new Placement(period, current));
                current = [];
            }

            if (temporary && previous is not null && !CodeGroups.IsTemporary(previous.Place))
            {
                beforeTemporary = previous;
            }

            current.Add(episode);
        }

        if (current.Count > 0)
        {
            placements.Add(new Placement(period, current));
        }

        return placements;
    }

    private static bool BeginsNewCarer(EpisodeRow episode, IndicatorSwitches switches) =>
        CodeGroups.StartsNewCarer(episode.Rne)
        || (switches.SameCarerChangeIsNewPlacement && CodeGroups.IsSameCarerChange(episode.Rne));
}
