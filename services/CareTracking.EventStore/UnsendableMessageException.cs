namespace CareTracking.EventStore;

/// <summary>A message that cannot be sent whatever the broker's state (a type no contract has, a body that
/// does not read as its type, an exchange missing): retrying it alone will not help, so after
/// <see cref="OutboxRelayOptions.MaxAttempts"/> it is parked and the messages behind it go on. With
/// <paramref name="parkNow"/> it is parked at the first failure: the broker confirmed it had no queue for the
/// message (a mandatory publish returned), and nothing but an operator's replay after binding one can help.</summary>
public sealed class UnsendableMessageException(string message, bool parkNow = false, Exception? inner = null) : Exception(message, inner)
{
    public bool ParkNow { get; } = parkNow;
}
