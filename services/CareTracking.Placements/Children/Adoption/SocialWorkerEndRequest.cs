namespace CareTracking.Placements.Children.Adoption;

public sealed record SocialWorkerEndRequest(DateOnly Date, string Reason, Guid? EventId = null);
