namespace CareTracking.LeavingCare.CareLeavers;

public sealed record ArrangementRequest(DateOnly From, DateOnly? To = null, Guid? EventId = null);
