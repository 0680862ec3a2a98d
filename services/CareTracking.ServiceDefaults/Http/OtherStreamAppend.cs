using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>Events a decision appends to a stream other than its command's, at the version the decision read it
/// (<see cref="ReadStreams"/>), each with its id and effective date.</summary>
public sealed record OtherStreamAppend(string StreamType, string StreamId, long ExpectedVersion, IReadOnlyList<PendingEvent> Events)
{
    public bool Equals(OtherStreamAppend? other) =>
        other is not null
        && (StreamType, StreamId, ExpectedVersion) == (other.StreamType, other.StreamId, other.ExpectedVersion)
        && Events.SequenceEqual(other.Events);

    public override int GetHashCode() => HashCode.Combine(StreamType, StreamId, ExpectedVersion, Events.Count);

    /// <summary>The events, not the list's type, so a failed comparison shows what differs.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"StreamType = {StreamType}, StreamId = {StreamId}, ExpectedVersion = {ExpectedVersion}, Events = [{string.Join(", ", Events)}]");
        return true;
    }
}
