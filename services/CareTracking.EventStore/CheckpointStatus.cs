namespace CareTracking.EventStore;

public sealed record CheckpointStatus(long Lag, DateTimeOffset? UpdatedAt, bool AheadOfServer, string? UnknownVersion = null);
