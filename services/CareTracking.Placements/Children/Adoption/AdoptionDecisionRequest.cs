namespace CareTracking.Placements.Children.Adoption;

// Request bodies: the command's fields plus an optional eventId for safe retry.
public sealed record AdoptionDecisionRequest(DateOnly Date, Guid? EventId = null);
