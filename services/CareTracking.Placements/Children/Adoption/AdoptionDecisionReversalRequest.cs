namespace CareTracking.Placements.Children.Adoption;

public sealed record AdoptionDecisionReversalRequest(DateOnly Date, string Reason, Guid? EventId = null);
