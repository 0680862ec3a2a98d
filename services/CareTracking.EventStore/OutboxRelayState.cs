namespace CareTracking.EventStore;

/// <summary>What the relay last saw, for the health endpoint.</summary>
public sealed record OutboxRelayState(DateTimeOffset? FailingSince, string? LastError, DateTimeOffset? LastSentAt);
