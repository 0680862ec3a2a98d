using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children;

/// <summary>
/// PL_LA and PL_DISTANCE on a placement: their own format, checked on the command whatever the date; and the
/// short-break rules (903 398, 420), checked against the legal status in force like the other combinations.
/// </summary>
internal static class PlacementLocationRules
{
    public const string LocalAuthorityField = "placement.localAuthority";
    public const string DistanceField = "placement.distanceMiles";

    public static void Check(Placement placement)
    {
        if (placement.LocalAuthority is { } code && !PlacementLocalAuthority.IsWellFormed(code))
            throw new RuleViolation(LocalAuthorityField, "placement.local-authority-format",
                $"{Echo.Code(code)} is not an LA of placement (PL_LA): a three-digit DfE LA code, or CON (confidential), NIR, SCO, WAL or NUK (outside the UK), upper case.");

        if (placement.DistanceMiles is not { } miles) return;
        if (miles < 0 || miles > PlacementDistance.Unknown)
            throw new RuleViolation(DistanceField, "placement.distance-range",
                $"{miles} is not a distance from home (PL_DISTANCE): 0 to {PlacementDistance.Longest} miles, or {PlacementDistance.Unknown} when it is not known.");
        if (!PlacementDistance.HasOneDecimalAtMost(miles))
            throw new RuleViolation(DistanceField, "placement.distance-format",
                $"{miles} has more than one decimal; PL_DISTANCE is recorded in miles to one decimal.");
        // 903 rule 454: over 350 miles is flagged unless it is the unknown value.
        if (miles > PlacementDistance.Longest && miles != PlacementDistance.Unknown)
            throw new RuleViolation(DistanceField, "placement.distance-over-350",
                $"{miles} miles is further than any placement the 903 accepts ({PlacementDistance.Longest}); give {PlacementDistance.Unknown} if the distance is not known.");
    }

    /// <summary>
    /// 903 rules 398 and 420: an episode under V3 or V4 (short breaks) records no distance and no LA of
    /// placement. <paramref name="placementChanges"/>: the placement is what the event brings (the fields are
    /// named), otherwise the legal status is (<c>legalStatus</c> is named).
    /// </summary>
    public static void CheckUnderShortBreak(Placement placement, string legalStatus, bool placementChanges)
    {
        if (!LegalStatuses.IsShortBreak(legalStatus)) return;
        if (placement.DistanceMiles is not null)
            throw new RuleViolation(placementChanges ? DistanceField : "legalStatus", "placement.distance-under-short-break",
                $"An episode under short breaks ({legalStatus}) records no distance from home (PL_DISTANCE); leave it out.");
        if (placement.LocalAuthority is not null)
            throw new RuleViolation(placementChanges ? LocalAuthorityField : "legalStatus", "placement.local-authority-under-short-break",
                $"An episode under short breaks ({legalStatus}) records no LA of placement (PL_LA); leave it out.");
    }
}
