using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes.ChangingRisk;
using CareTracking.MissingEpisodes.Episodes.RecordingReturn;
using CareTracking.MissingEpisodes.Episodes.RecordingReturnInterview;
using CareTracking.MissingEpisodes.Episodes.ReportingMissing;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.MissingEpisodes.Episodes;

// Request bodies: the command's fields plus an optional eventId for safe retry.
public sealed record ReportRequest(string ChildId, string Kind, DateTimeOffset LastSeenAt, DateTimeOffset ReportedAt, string RiskLevel,
    ExploitationRisk ExploitationRisk, Guid? EpisodeId = null, string? PoliceReference = null, string? RiskReason = null, Guid? EventId = null,
    DateTimeOffset? ReturnedAt = null, string? FoundArea = null);
