namespace CareTracking.MissingEpisodes.Episodes;

public sealed record ReturnInterviewRequest(string Outcome, DateTimeOffset At, Guid? EventId = null);
