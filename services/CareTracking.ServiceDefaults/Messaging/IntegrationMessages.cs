using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Messaging;

public static class IntegrationMessages
{
    /// <summary>An integration message (a record from CareTracking.Contracts) for the outbox. Its id derives
    /// from the authority, the stream and the event that caused it, so a retried post or a redelivery carries the
    /// same id and another authority's event with the same id never does.</summary>
    public static OutboxMessage ForBus(string authority, string streamId, Guid sourceEventId, object message) =>
        new(AuthorityMessageIds.For(authority, streamId, sourceEventId, message.GetType().FullName!), OutboxMessage.Bus,
            BusTransport.NameOf(message.GetType()), message);
}
