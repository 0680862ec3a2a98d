namespace CareTracking.Health.Children;

// Request bodies: the command's fields plus an optional eventId for safe retry.
// A field the deciders check themselves (kind, score or reason, the yes/no answers) defaults to null, so leaving
// it out is the 422 naming its rule rather than a 400 from the serializer.
public sealed record AssessmentRequestRequest(DateOnly RequestedOn, string? Kind = null, Guid? EventId = null);
