namespace CareTracking.LeavingCare.CareLeavers;

public sealed record ContactRequest(DateOnly Date, string? InTouch = null, string? Activity = null, string? Accommodation = null, Guid? EventId = null);
