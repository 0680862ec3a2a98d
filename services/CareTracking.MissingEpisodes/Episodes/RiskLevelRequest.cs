namespace CareTracking.MissingEpisodes.Episodes;

/// <param name="ReviewedBy">Who reviewed lowering a child at risk of criminal exploitation to medium (a police inspector).</param>
public sealed record RiskLevelRequest(DateTimeOffset At, string RiskLevel, string Reason, Guid? EventId = null, string? ReviewedBy = null);
