namespace CareTracking.Health.Children;

public sealed record ImmunisationsRequest(DateOnly Date, bool? UpToDate = null, Guid? EventId = null);
