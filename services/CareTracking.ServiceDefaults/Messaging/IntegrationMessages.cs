using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Messaging;

public static class IntegrationMessages
{
    /// <summary>An integration message (a record from CareTracking.Contracts) for the outbox. Its id derives
    /// from the event that caused it, so a retried post or a redelivery carries the same id.</summary>
    public static OutboxMessage ForBus(Guid sourceEventId, object message) =>
        new(MessageIds.Derive(sourceEventId, message.GetType().FullName!), OutboxMessage.Bus, BusTransport.NameOf(message.GetType()), message);
}
