namespace CareTracking.CaseSystemClient;

// The request bodies exactly as the services define them (Placements Children/ChildrenApi.cs, Missing
// episodes Episodes/EpisodesApi.cs, Reviews Children/ReviewsApi.cs, Health Children/HealthApi.cs, Leaving care
// CareLeavers/CareLeaversApi.cs), serialised with the web defaults
// (camelCase). Codes are the 903 guide's.

public sealed record PlacementBody(string Type, string? Provider, string? Postcode, string? Urn,
    string? LocalAuthority = null, decimal? DistanceMiles = null);
/// <summary>The 903 header's facts; UPN, MOTHER and MC_DOB may be left out.</summary>
public sealed record ChildBody(string Sex, DateOnly DateOfBirth, string Ethnicity, bool Uasc,
    string? Upn = null, bool? Mother = null, DateOnly? MotherChildDateOfBirth = null);
public sealed record PeriodEndBody(DateOnly Date, string Reason);

/// <summary>PrevPerm on an entry to care: option PREV_PERM, date DATE_PERM (YYYY-MM-DD, YYYY-MM or YYYY), authority LA_PERM.</summary>
public sealed record PreviousPermanenceBody(string Option, string? Date, string? Authority);

public sealed record EnteredCareBody(DateOnly Date, string LegalStatus, string CategoryOfNeed, PlacementBody Placement,
    string? HomePostcode, ChildBody Child, Guid EventId, PeriodEndBody? Ceased = null, PreviousPermanenceBody? PreviousPermanence = null);
/// <summary>POST /api/children/{childId}/header: UPN, MOTHER, MC_DOB from <see cref="Date"/> (null: unchanged).</summary>
public sealed record HeaderChangeBody(DateOnly Date, string? Upn, bool? Mother, DateOnly? MotherChildDateOfBirth, Guid EventId);
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

// Health (Children/HealthApi.cs): kind is initial or review.
public sealed record HealthAssessmentRequestBody(DateOnly RequestedOn, string Kind, Guid EventId);
public sealed record HealthAssessmentBody(DateOnly Date, string Kind, Guid EventId);
public sealed record ImmunisationsBody(DateOnly Date, bool UpToDate, Guid EventId);
/// <summary>A dental check, development check or conviction: the date alone.</summary>
public sealed record DatedBody(DateOnly Date, Guid EventId);
/// <summary>A score (0–40) or a reason (SDQ1–SDQ5), not both.</summary>
public sealed record SdqBody(DateOnly Date, int? Score, string? Reason, Guid EventId);
public sealed record SubstanceMisuseBody(DateOnly Date, bool InterventionOffered, bool InterventionReceived, Guid EventId);

// Leaving care (docs/leaving-care.md): the 903 OC3 codes IN_TOUCH, ACTIV and ACCOM.
public sealed record CareLeaverContactBody(DateOnly Date, string InTouch, string Activity, string Accommodation, Guid EventId);
