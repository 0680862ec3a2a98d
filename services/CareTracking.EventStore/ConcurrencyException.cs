namespace CareTracking.EventStore;

/// <summary>The stream was not at the version the caller expected. Nothing was written. The message does not name
/// the stream (stream ids hold child ids, and consumers' retries log the message); <see cref="StreamId"/> does.</summary>
public sealed class ConcurrencyException(string authority, string streamId, long? expected, long? actual)
    : Exception($"A stream of authority {authority} was expected at version {expected} but is at {actual}.")
{
    public string Authority { get; } = authority;
    public string StreamId { get; } = streamId;
    public long? ExpectedVersion { get; } = expected;
    public long? ActualVersion { get; } = actual;
}
