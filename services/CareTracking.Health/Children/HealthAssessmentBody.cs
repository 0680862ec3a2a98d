namespace CareTracking.Health.Children;

public sealed record HealthAssessmentBody(DateOnly Date, string? Kind = null, Guid? EventId = null);
