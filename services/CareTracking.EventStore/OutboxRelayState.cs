using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;

namespace CareTracking.EventStore;

/// <summary>What the relay last saw, for the health endpoint.</summary>
public sealed record OutboxRelayState(DateTimeOffset? FailingSince, string? LastError, DateTimeOffset? LastSentAt);
