namespace CareTracking.Placements.Children.Adoption;

public sealed record AdoptionConsentRequest(DateOnly Date, Guid? EventId = null);
