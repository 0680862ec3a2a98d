namespace CareTracking.EventStore;

public sealed record OutboxRelayOptions
{
    public int BatchSize { get; init; } = 100;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(25);
    public TimeSpan LeaderRetry { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How long the breaker stays open after repeated send failures (broker down) before a trial send.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>The longest a publish may take until the broker confirms it; past that it counts as a failure
    /// (a frozen connection or a broker resource alarm would otherwise hold the relay indefinitely).</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The longest wait between attempts while the broker or the database keeps failing.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Failed attempts after which an unsendable message is parked with its error.</summary>
    public int MaxAttempts { get; init; } = 5;
    /// <summary>Dispatched outbox rows and inbox marks older than these are deleted (parked rows never are).</summary>
    public TimeSpan KeepDispatched { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan KeepInbox { get; init; } = TimeSpan.FromDays(30);
    public TimeSpan PurgeInterval { get; init; } = TimeSpan.FromHours(1);
}
