namespace CareTracking.Reviews.Children;

// Request bodies: the command's fields plus an optional eventId for safe retry.
public sealed record IroAllocationRequest(DateOnly Date, string IroId, string Team, Guid? EventId = null);
