namespace CareTracking.Ssda903.Episodes;

/// <summary>
/// Where the child lives: PLACE, PLACE_PROVIDER, PL_POST and the Ofsted URN of the setting or agency, with
/// PL_LA (<paramref name="LocalAuthority"/>) and PL_DISTANCE (<paramref name="DistanceMiles"/>) when recorded.
/// </summary>
public sealed record PlacementDetails(
    string Type, string? Provider, string? Postcode, string? Urn, string? LocalAuthority = null, decimal? DistanceMiles = null);
