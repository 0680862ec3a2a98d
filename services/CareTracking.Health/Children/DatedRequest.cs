namespace CareTracking.Health.Children;

public sealed record DatedRequest(DateOnly Date, Guid? EventId = null);
