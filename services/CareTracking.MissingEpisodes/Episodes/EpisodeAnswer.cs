namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>What a write answers: the episode, where it stands, its version (also in ETag) and the event id.</summary>
/// <param name="Replay">The post repeated one already accepted (same eventId and body): nothing new was written.</param>
public sealed record EpisodeAnswer(Guid EpisodeId, string Status, long Version, Guid? EventId, bool Replay = false);
