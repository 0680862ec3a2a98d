namespace CareTracking.Ssda903.Episodes;

/// <summary>Started to be looked after: a period of care begins (RNE S).</summary>
public sealed record EnteredCare(DateOnly Date, string LegalStatus, string CategoryOfNeed, PlacementDetails Placement, string? HomePostcode)
    : CareChange(Date);
