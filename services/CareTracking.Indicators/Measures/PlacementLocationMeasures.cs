using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// Where children looked after at D are placed (docs/measures.md, Population and flows): more than 20 miles from
/// home (PL_DISTANCE) and outside their authority (PL_LA). Each is a percentage of the children whose value
/// is known, with the children whose value is not known counted beside it, so an unrecorded field neither
/// hides a child nor dilutes the figure.
/// </summary>
internal static class PlacementLocationMeasures
{
    /// <summary>"More than 20 miles": strictly over; a placement 20.0 miles away is not counted.</summary>
    public const decimal FarFromHomeMiles = 20m;

    /// <param name="lookedAfter">Children looked after at D with the episode open that day (short breaks already left out).</param>
    public static void Add(IReadOnlyList<(ChildInCare Child, EpisodeRow Episode)> lookedAfter, OrderedDictionary<string, Measure> measures)
    {
        var knownDistance = 0;
        var farFromHome = 0;
        var knownArea = 0;
        var outOfArea = 0;
        foreach (var (child, episode) in lookedAfter)
        {
            if (episode.PlDistance is { } miles && PlacementDistance.IsKnown(miles))
            {
                knownDistance++;
                if (miles > FarFromHomeMiles) farFromHome++;
            }

            // CON (confidential) does not say where the child is, so it is not known to be in or out of area;
            // NIR, SCO, WAL and NUK are outside any English authority.
            if (episode.PlLa is { } placedIn && placedIn != PlacementLocalAuthority.Confidential)
            {
                knownArea++;
                if (placedIn != child.History.Authority) outOfArea++;
            }
        }

        measures["placedOver20MilesPct"] = Measure.Percent(farFromHome, knownDistance);
        measures["placedOver20MilesUnknown"] = Measure.Count(lookedAfter.Count - knownDistance);
        measures["outOfAreaPct"] = Measure.Percent(outOfArea, knownArea);
        measures["outOfAreaUnknown"] = Measure.Count(lookedAfter.Count - knownArea);
    }
}
