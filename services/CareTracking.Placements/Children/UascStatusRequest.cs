namespace CareTracking.Placements.Children;

public sealed record UascStatusRequest(DateOnly Date, bool Uasc, Guid? EventId = null);
