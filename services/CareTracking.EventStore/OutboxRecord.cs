namespace CareTracking.EventStore;

/// <param name="TraceParent">The W3C traceparent of the span the message was appended in, or null.</param>
public sealed record OutboxRecord(long Id, Guid MessageId, string Authority, string Transport, string MessageType,
    string? Destination, string? RoutingKey, string Body, DateTimeOffset CreatedAt, string? TraceParent = null);
