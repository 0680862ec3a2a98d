namespace CareTracking.EventStore;

/// <summary>What an append did: the stream's version after it, and whether it was a retry of an append
/// that had already succeeded (in which case nothing new was written).</summary>
public sealed record AppendResult(string StreamId, long Version, bool WasDuplicate);
