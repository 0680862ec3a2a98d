using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Measures;

// Placement stability: three or more placements, long-term stability and moves by reason (docs/measures.md).
public sealed partial class CommitteeIndicators
{
    private static void Stability(List<ChildInCare> children, ReportWindow window, OrderedDictionary<string, Measure> measures)
    {
        var asAt = window.AsAt;
        var cohort = children.Where(c => c.LookedAfterOn(asAt)).ToList();
        var threePlus = cohort.Count(c => c.Placements.Count(p => p.OpenDuring(window)) >= 3);
        measures["threePlusPlacementsPct"] = Measure.Percent(threePlus, cohort.Count);

        var inCareSince = asAt.AddMonths(-30);
        var placedSince = asAt.AddYears(-2);
        var longTermCohort = cohort
            .Where(c => c.AgeOn(asAt) is < 16)
            .Where(c => c.PeriodOn(asAt)!.Start <= inCareSince)
            .ToList();
        var stable = longTermCohort.Count(c => LongTermStable(c, asAt, placedSince));
        measures["longTermStabilityPct"] = Measure.Percent(stable, longTermCohort.Count);

        // A move is a placement that ends in the window and is followed by another in the same period of
        // care; a placement that ends because care ended is not a move.
        var moves = children
            .SelectMany(c => c.Placements
                .Where(p => p.End is { } end && window.Contains(end))
                .Where(p => !ReferenceEquals(p.PeriodOfCare.Episodes[^1], p.Episodes[^1])))
            .ToList();
        measures["placementMoves"] = Measure.Count(moves.Count);
        foreach (var reason in PlacementChangeReasons.All)
        {
            var count = moves.Count(p => PlacementChangeReasons.Of(p.ReasonPlaceChange) == reason);
            measures[$"placementMovesByReason.{reason}"] = Measure.Percent(count, moves.Count);
        }
    }

    private static bool LongTermStable(ChildInCare child, DateOnly asAt, DateOnly placedSince)
    {
        var current = child.PlacementOn(asAt)!;
        if (current.Start <= placedSince)
        {
            return true;
        }

        if (!CodeGroups.IsPlacedForAdoption(child.EpisodeOn(asAt)!.Place))
        {
            return false;
        }

        // Placed for adoption: the adoptive placement and the one immediately before it, in the same
        // period of care, together last at least two years.
        var inPeriod = child.Placements.Where(p => p.PeriodOfCare == current.PeriodOfCare).ToList();
        var index = inPeriod.IndexOf(current);
        return index > 0 && inPeriod[index - 1].Start <= placedSince;
    }
}
