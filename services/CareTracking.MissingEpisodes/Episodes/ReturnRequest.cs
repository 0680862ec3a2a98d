namespace CareTracking.MissingEpisodes.Episodes;

public sealed record ReturnRequest(DateTimeOffset ReturnedAt, string? FoundArea = null, Guid? EventId = null);
