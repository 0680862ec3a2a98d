namespace CareTracking.Reviews.Children;

public sealed record ReviewCancellationRequest(DateOnly ReviewDate, string Reason, Guid? EventId = null);
