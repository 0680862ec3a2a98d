namespace CareTracking.ServiceDefaults.Http;

/// <summary>An alert about the child sent (or still to be sent) to a police force: a disclosure to a third party, so
/// the child may ask about it. The force is the routing key (its area); the alert named the child only by that
/// force's pseudonym.</summary>
public sealed record PoliceDisclosure(Guid AlertId, string Kind, string Force, string RiskLevel, Guid EpisodeId,
    DateTimeOffset QueuedAt, DateTimeOffset? SentAt, DateTimeOffset? ParkedAt);
