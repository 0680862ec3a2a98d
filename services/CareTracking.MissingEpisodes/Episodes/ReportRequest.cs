namespace CareTracking.MissingEpisodes.Episodes;

// Request bodies: the command's fields plus an optional eventId for safe retry.
public sealed record ReportRequest(string ChildId, string Kind, DateTimeOffset LastSeenAt, DateTimeOffset ReportedAt, string RiskLevel,
    ExploitationRisk ExploitationRisk, Guid? EpisodeId = null, string? PoliceReference = null, string? RiskReason = null, Guid? EventId = null,
    DateTimeOffset? ReturnedAt = null, string? FoundArea = null);
