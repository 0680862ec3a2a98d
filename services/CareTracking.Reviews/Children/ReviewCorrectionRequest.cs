namespace CareTracking.Reviews.Children;

public sealed record ReviewCorrectionRequest(DateOnly ReviewDate, DateOnly Date, string Participation, string Reason, Guid? EventId = null);
