namespace CareTracking.LeavingCare.CareLeavers;

// Request bodies: the command's fields plus an optional eventId for safe retry. The codes and the adviser default
// to null, so leaving one out is the 422 naming its rule (903-rule-131...) rather than a 400 from the serializer.
public sealed record PersonalAdviserRequest(DateOnly Date, string? AdviserId = null, Guid? EventId = null);
