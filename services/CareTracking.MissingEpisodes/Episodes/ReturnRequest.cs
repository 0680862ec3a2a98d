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

public sealed record ReturnRequest(DateTimeOffset ReturnedAt, string? FoundArea = null, Guid? EventId = null);
