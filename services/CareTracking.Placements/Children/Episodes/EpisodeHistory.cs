using CareTracking.Ssda903.Episodes;

namespace CareTracking.Placements.Children.Episodes;

/// <summary>The child's history as 903 episode rows, derived by the shared 903 rules from the timeline.</summary>
public static class EpisodeHistory
{
    public static IReadOnlyList<EpisodeRow> Derive(Child child) =>
        EpisodeDerivation.Derive(child.Timeline.Select(e => CareChangeOf(e.Event)).OfType<CareChange>());

    private static CareChange? CareChangeOf(ChildEvent change) => change switch
    {
        ChildEnteredCare e => new EnteredCare(e.Date, e.LegalStatus, e.CategoryOfNeed, Details(e.Placement), e.HomePostcode),
        LegalStatusChanged e => new LegalStatusChange(e.Date, e.LegalStatus),
        PlacementMoved e => new PlacementMove(e.Date, Details(e.Placement), e.ReasonNewEpisode, e.Reason, e.LegalStatus),
        ChildCeasedCare e => new CeasedCare(e.Date, e.Reason),
        _ => null,
    };

    private static PlacementDetails Details(Placement p) => new(p.Type, p.Provider, p.Postcode, p.Urn, p.LocalAuthority, p.DistanceMiles);
}
