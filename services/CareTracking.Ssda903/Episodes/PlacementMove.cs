namespace CareTracking.Ssda903.Episodes;

/// <summary>A new placement record (RNE P, T, B or U as given). <paramref name="LegalStatus"/> only when it
/// changed the same day; <paramref name="ReasonPlaceChange"/> is REASON_PLACE_CHANGE of the episode that ends.</summary>
public sealed record PlacementMove(DateOnly Date, PlacementDetails Placement, string ReasonNewEpisode, string? ReasonPlaceChange, string? LegalStatus)
    : CareChange(Date);
