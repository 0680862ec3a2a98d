namespace CareTracking.EventStore;

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
