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

/// <param name="ReviewedBy">Who reviewed lowering a child at risk of criminal exploitation to medium (a police inspector).</param>
public sealed record RiskLevelRequest(DateTimeOffset At, string RiskLevel, string Reason, Guid? EventId = null, string? ReviewedBy = null);
