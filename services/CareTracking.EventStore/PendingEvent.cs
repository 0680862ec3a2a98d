namespace CareTracking.EventStore;

/// <summary>An event to append. The id makes a retried append idempotent: give the client's eventId when it
/// sent one, otherwise a new id chosen once before the first attempt.</summary>
public sealed record PendingEvent(object Data, Guid Id, DateOnly? EffectiveDate = null)
{
    public PendingEvent(object data, DateOnly? effectiveDate = null) : this(data, Guid.CreateVersion7(), effectiveDate) { }
}
