namespace CareTracking.Placements.Children;

public sealed record CeasedCareRequest(DateOnly Date, string Reason, Guid? EventId = null);
