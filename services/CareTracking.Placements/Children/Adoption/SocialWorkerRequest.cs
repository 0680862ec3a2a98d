namespace CareTracking.Placements.Children.Adoption;

public sealed record SocialWorkerRequest(DateOnly From, string SocialWorkerId, string Reason, Guid? EventId = null);
