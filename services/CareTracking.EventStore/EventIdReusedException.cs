namespace CareTracking.EventStore;

/// <summary>The client reused an eventId for a different post: some of an append's event ids were used before,
/// or all were but by a request with a different body or route. Nothing was written.</summary>
public sealed class EventIdReusedException(string streamId, DateTimeOffset? firstPostedAt = null)
    : Exception("An event id sent was already used by a different post.")
{
    /// <summary>The stream (not in the message: stream ids hold child ids, and messages get logged).</summary>
    public string StreamId { get; } = streamId;

    /// <summary>When the post that first used the id was recorded, when known: the client's clue to which post it was.</summary>
    public DateTimeOffset? FirstPostedAt { get; } = firstPostedAt;
}
