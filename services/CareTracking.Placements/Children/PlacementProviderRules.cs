using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children;

/// <summary>
/// Rules on a placement's own fields that tie PLACE_PROVIDER and URN to PLACE, whatever the date: they need
/// no history, so they are checked on the command and not replayed over events already recorded.
/// </summary>
internal static class PlacementProviderRules
{
    private sealed record ProviderLimit(Func<string, bool> Allows, string Rule, string Why);

    /// <summary>
    /// Placement types a provider cannot go with. 550: PR0 (parents or a person with parental responsibility)
    /// only with P1. 529 (the one provider/placement rule of 527–531 that docs/ssda903.md states): PR3 (other
    /// public provision) not with P1, A3–A6, K1, K2 or U1–U6.
    /// </summary>
    private static readonly Dictionary<string, ProviderLimit> Limits = new(StringComparer.Ordinal)
    {
        ["PR0"] = new(type => type == "P1", "placement.provider-pr0-only-p1",
            "PR0 (parents or other person with parental responsibility) provides only a placement with parents (P1)"),
        ["PR3"] = new(type => !(type is "P1" or "K1" or "K2" || PlacementTypes.IsPlacedForAdoption(type) || PlacementTypes.IsFoster(type)),
            "placement.provider-pr3-not-allowed",
            "other public provision (PR3) does not provide placements with parents (P1), for adoption (A3–A6), in secure or children's homes (K1, K2) or in foster care (U1–U6)"),
    };

    public static void Check(Placement placement)
    {
        if (placement.Provider is { } provider && Limits.TryGetValue(provider, out var limit) && !limit.Allows(placement.Type))
            throw new RuleViolation("placement.provider", limit.Rule, $"A {placement.Type} placement cannot have provider {provider}: {limit.Why}.");

        if (placement.Urn is not { } urn) return;
        // 903 rule 222. XXXXXXX stays allowed: the validator's rule 222 exempts it, and the guide gives it for
        // settings inspected by the CQC rather than Ofsted (an NHS establishment, R2).
        if (PlacementTypes.TakesNoUrn(placement.Type) && urn != Urns.NotInspectedByOfsted)
            throw new RuleViolation("placement.urn", "placement.urn-not-taken",
                $"A {placement.Type} placement has no Ofsted URN; leave the URN out (or give {Urns.NotInspectedByOfsted} for a setting inspected by the CQC or ISI).");
        if (!Urns.IsWellFormed(urn))
            throw new RuleViolation("placement.urn", "placement.urn-format",
                $"{Echo.Code(urn)} is not an Ofsted URN: SC and six digits, seven digits, or {Urns.NotInspectedByOfsted} for a setting Ofsted does not inspect.");
    }
}
