namespace CareTracking.EventStore;

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
