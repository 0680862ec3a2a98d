namespace CareTracking.LeavingCare.CareLeavers;

public sealed record CareLeaverListAnswer(DateOnly AsAt, IReadOnlyList<CareLeaverListEntry> CareLeavers);
