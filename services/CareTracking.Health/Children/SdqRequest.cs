namespace CareTracking.Health.Children;

public sealed record SdqRequest(DateOnly Date, int? Score = null, string? Reason = null, Guid? EventId = null);
