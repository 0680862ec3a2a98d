namespace CareTracking.EventStore;

/// <summary>Who is appending and why: stored with every event of the append.</summary>
/// <param name="RequestHash">A fingerprint of the HTTP request that caused the append (see
/// <c>RequestFingerprint</c>), so that a retry carrying the same eventId with a different body is told apart from
/// a true replay. Null for consumers, whose message id already pins the content.</param>
public sealed record AppendContext(string? CorrelationId, string? CausationId, string? ActingClient, string? RequestHash = null)
{
    public static readonly AppendContext None = new(null, null, null);
}
