namespace CareTracking.Reviews.Children;

public sealed record ReviewRequest(DateOnly Date, string Participation, Guid? EventId = null);
