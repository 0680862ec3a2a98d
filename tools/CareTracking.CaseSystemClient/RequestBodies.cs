namespace CareTracking.CaseSystemClient;

// The request bodies exactly as the services define them (Placements Children/ChildrenApi.cs, Missing
// episodes Episodes/EpisodesApi.cs, Reviews Children/ReviewsApi.cs), serialised with the web defaults
// (camelCase). Codes are the 903 guide's.

public sealed record PlacementBody(string Type, string? Provider, string? Postcode, string? Urn,
    string? LocalAuthority = null, decimal? DistanceMiles = null);
public sealed record ChildBody(string Sex, DateOnly DateOfBirth, string Ethnicity, bool Uasc);
public sealed record PeriodEndBody(DateOnly Date, string Reason);

public sealed record EnteredCareBody(DateOnly Date, string LegalStatus, string CategoryOfNeed, PlacementBody Placement,
    string? HomePostcode, ChildBody Child, Guid EventId, PeriodEndBody? Ceased = null);
public sealed record LegalStatusChangeBody(DateOnly Date, string LegalStatus, Guid EventId);
public sealed record PlacementMoveBody(DateOnly Date, PlacementBody Placement, bool SameCarer, string? Reason, string? LegalStatus, Guid EventId);
public sealed record CeasedCareBody(DateOnly Date, string Reason, Guid EventId);
public sealed record UascStatusBody(DateOnly Date, bool Uasc, Guid EventId);

public sealed record ExploitationRiskBody(bool Criminal, bool Sexual);
/// <summary>With ReturnedAt (and FoundArea) a report recorded after the child was already back: the report and the
/// return in one post, and no police alert.</summary>
public sealed record MissingReportBody(string ChildId, string Kind, DateTimeOffset LastSeenAt, DateTimeOffset ReportedAt, string RiskLevel,
    ExploitationRiskBody ExploitationRisk, Guid EpisodeId, string? PoliceReference, string? RiskReason, Guid EventId,
    DateTimeOffset? ReturnedAt = null, string? FoundArea = null);
public sealed record ReturnBody(DateTimeOffset ReturnedAt, string? FoundArea, Guid EventId);
public sealed record ReturnInterviewBody(string Outcome, DateTimeOffset At, Guid EventId);

public sealed record IroAllocationBody(DateOnly Date, string IroId, string Team, Guid EventId);
public sealed record ReviewBody(DateOnly Date, string Participation, Guid EventId);

public sealed record AdoptionDecisionBody(DateOnly Date, Guid EventId);
public sealed record AdoptionDecisionReversalBody(DateOnly Date, string Reason, Guid EventId);
public sealed record AdoptionMatchBody(DateOnly Date, int NumberOfAdopters, string AdopterSex, string AdopterLegalStatus, bool FormerFosterCarers, Guid EventId);
public sealed record SocialWorkerBody(DateOnly From, string SocialWorkerId, string Reason, Guid EventId);
public sealed record SocialWorkerEndBody(DateOnly Date, string Reason, Guid EventId);
