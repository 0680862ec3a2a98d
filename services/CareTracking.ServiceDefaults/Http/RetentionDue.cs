namespace CareTracking.ServiceDefaults.Http;

/// <summary>A child whose record is past its retention date at <c>asAt</c>: what erasure would remove.</summary>
public sealed record RetentionDue(string ChildId, DateOnly KeepUntil, long Events, IReadOnlyList<string> Services);
