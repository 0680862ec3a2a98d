namespace CareTracking.ServiceDefaults.Http;

/// <param name="Replay">The post repeated one already accepted (same eventId, same request): nothing new was
/// written, and the answer is the first one's.</param>
public sealed record CommandAnswer(string StreamId, Guid? EventId, long Version, bool Appended, bool Replay = false);
