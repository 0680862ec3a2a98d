namespace CareTracking.Placements.Children;

public sealed record PlacementMoveRequest(DateOnly Date, Placement Placement, bool SameCarer, string? Reason = null,
    string? LegalStatus = null, Guid? EventId = null);
