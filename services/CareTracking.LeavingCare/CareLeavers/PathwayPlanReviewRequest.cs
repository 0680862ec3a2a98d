namespace CareTracking.LeavingCare.CareLeavers;

public sealed record PathwayPlanReviewRequest(DateOnly Date, Guid? EventId = null);
