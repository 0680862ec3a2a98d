namespace CareTracking.EventStore;

/// <summary>Sends one outbox message and returns only once the broker has confirmed it.</summary>
public interface IOutboxTransport
{
    Task SendAsync(OutboxRecord message, CancellationToken ct);
}
