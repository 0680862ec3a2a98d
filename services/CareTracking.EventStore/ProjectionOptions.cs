namespace CareTracking.EventStore;

public sealed record ProjectionOptions
{
    public int BatchSize { get; init; } = 2_000;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>How often a standby instance tries to take over the projection.</summary>
    public TimeSpan LeaderRetry { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>The longest wait between attempts while the database or a batch keeps failing.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
