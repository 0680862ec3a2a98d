namespace CareTracking.Placements.Children;

public sealed record LegalStatusChangeRequest(DateOnly Date, string LegalStatus, Guid? EventId = null);
