namespace CareTracking.EventStore;

/// <summary>An event to append. The id makes a retried append idempotent: give the client's eventId when it
/// sent one, otherwise a new id chosen once before the first attempt.</summary>
public sealed record PendingEvent(object Data, Guid Id, DateOnly? EffectiveDate = null)
{
    public PendingEvent(object data, DateOnly? effectiveDate = null) : this(data, Guid.CreateVersion7(), effectiveDate) { }
}

/// <summary>Who is appending and why: stored with every event of the append.</summary>
/// <param name="RequestHash">A fingerprint of the HTTP request that caused the append (see
/// <c>RequestFingerprint</c>), so that a retry carrying the same eventId with a different body is told apart from
/// a true replay. Null for consumers, whose message id already pins the content.</param>
public sealed record AppendContext(string? CorrelationId, string? CausationId, string? ActingClient, string? RequestHash = null)
{
    public static readonly AppendContext None = new(null, null, null);
}

/// <summary>A position in the global feed: transaction id, then sequence within it.</summary>
public readonly record struct FeedPosition(ulong TxId, long Sequence) : IComparable<FeedPosition>
{
    public static readonly FeedPosition Start = new(0, 0);
    public int CompareTo(FeedPosition other) =>
        TxId != other.TxId ? TxId.CompareTo(other.TxId) : Sequence.CompareTo(other.Sequence);
    public override string ToString() => $"{TxId}/{Sequence}";
}

public sealed record StoredEvent(
    long Sequence,
    ulong TxId,
    string Authority,
    string StreamId,
    long Version,
    Guid EventId,
    string EventType,
    object Data,
    DateOnly? EffectiveDate,
    DateTimeOffset RecordedAt,
    string? CorrelationId,
    string? CausationId,
    string? ActingClient,
    string? RequestHash = null)
{
    public FeedPosition Position => new(TxId, Sequence);
}

/// <summary>What an append did: the stream's version after it, and whether it was a retry of an append
/// that had already succeeded (in which case nothing new was written).</summary>
public sealed record AppendResult(string StreamId, long Version, bool WasDuplicate);

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

/// <summary>An outbox message id is already used by a different message (another authority, type or body).
/// Nothing was written: a derived id must never silently drop a message.</summary>
public sealed class MessageIdConflictException(string authority)
    : Exception($"An outbox message id staged for authority {authority} is already used by a different message; nothing was written.");

/// <summary>A message to leave through the transactional outbox, committed with the events.</summary>
/// <param name="MessageId">Deterministic from the source event (see <see cref="MessageIds"/>), so a retried
/// append adds nothing and a redelivered message keeps its id.</param>
/// <param name="Transport">"bus" for an integration message published with MassTransit; "amqp" for plain JSON
/// sent to <paramref name="Destination"/> with <paramref name="RoutingKey"/>.</param>
public sealed record OutboxMessage(
    Guid MessageId,
    string Transport,
    string MessageType,
    object Body,
    string? Destination = null,
    string? RoutingKey = null)
{
    public const string Bus = "bus";
    public const string Amqp = "amqp";
}

public static class MessageIds
{
    /// <summary>A name-based (v5-style) id from a source id and a purpose, stable across retries.</summary>
    public static Guid Derive(Guid source, string purpose)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(
            [.. source.ToByteArray(), .. System.Text.Encoding.UTF8.GetBytes(purpose)]);
        var id = bytes.AsSpan(0, 16).ToArray();
        id[7] = (byte)((id[7] & 0x0F) | 0x50);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id);
    }
}
