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

/// <summary>What a write answers: the episode, where it stands, its version (also in ETag) and the event id.</summary>
/// <param name="Replay">The post repeated one already accepted (same eventId and body): nothing new was written.</param>
public sealed record EpisodeAnswer(Guid EpisodeId, string Status, long Version, Guid? EventId, bool Replay = false);
