using CareTracking.EventStore;
using CareTracking.Ssda903.Health;

namespace CareTracking.Indicators.Projections;

// The Indicators service reads other services' events from the global feed. These records are its own
// tolerant-reader view of them: the same stored names, only the fields the indicators need (unknown fields
// are ignored on read). An event version the service does not know yet is skipped by the projection's
// filter, not misread. Shapes: Placements Children/ChildEvents.cs, Missing episodes
// Episodes/EpisodeEvents.cs, Reviews Children/ChildEvents.cs, Health Children/HealthEvents.cs, Leaving care
// CareLeavers/CareLeaverEvents.cs.

// Placements: stream id = the child id.

/// <summary>PLACE, PLACE_PROVIDER, PL_POST, URN; PL_LA and PL_DISTANCE are absent from events stored before
/// Placements recorded them, and read as null.</summary>
public sealed record PlacementView(string Type, string? Provider, string? Postcode, string? Urn, string? LocalAuthority = null, decimal? DistanceMiles = null);
/// <summary>The child's details given on entering care; ETHNIC, SEX (M/F/U), UPN, MOTHER and MC_DOB are read for the
/// 903 header (the last three absent from entries recorded before Placements took them: null, not recorded).</summary>
public sealed record ChildView(DateOnly DateOfBirth, bool Uasc, string? Ethnicity = null, string? Sex = null,
    string? Upn = null, bool? Mother = null, DateOnly? MotherChildDateOfBirth = null);

/// <summary>PrevPerm as Placements records it on an entry to care: PREV_PERM, DATE_PERM (YYYY-MM-DD, YYYY-MM or YYYY)
/// and LA_PERM. Absent from entries recorded without it (null: not recorded).</summary>
public sealed record PreviousPermanenceView(string Option, string? Date = null, string? Authority = null);

[EventType("placements.child-entered-care", 1)]
public sealed record ChildEnteredCare(DateOnly Date, string LegalStatus, string CategoryOfNeed, PlacementView Placement, string? HomePostcode, ChildView Child,
    PreviousPermanenceView? PreviousPermanence = null);

/// <summary>UPN, MOTHER or MC_DOB changed after the entry to care (null: unchanged).</summary>
[EventType("placements.child-header-changed", 1)]
public sealed record ChildHeaderChanged(DateOnly Date, string? Upn, bool? Mother, DateOnly? MotherChildDateOfBirth);

[EventType("placements.legal-status-changed", 1)]
public sealed record LegalStatusChanged(DateOnly Date, string LegalStatus);

[EventType("placements.placement-moved", 1)]
public sealed record PlacementMoved(DateOnly Date, PlacementView Placement, string? Reason, string? LegalStatus, string ReasonNewEpisode);

[EventType("placements.child-ceased-care", 1)]
public sealed record ChildCeasedCare(DateOnly Date, string Reason);

[EventType("placements.uasc-status-changed", 1)]
public sealed record UascStatusChanged(DateOnly Date, bool Uasc);

[EventType("placements.adoption-decision-made", 1)]
public sealed record AdoptionDecisionMade(DateOnly Date);

[EventType("placements.adoption-decision-reversed", 1)]
public sealed record AdoptionDecisionReversed(DateOnly Date, string Reason);

/// <summary>The parents' consent to placement for adoption: A2's start where there is no placement order.</summary>
[EventType("placements.adoption-consent-given", 1)]
public sealed record AdoptionConsentGiven(DateOnly Date);

[EventType("placements.adoption-match-made", 1)]
public sealed record AdoptionMatchMade(DateOnly Date, int NumberOfAdopters, string AdopterSex, string AdopterLegalStatus, bool FormerFosterCarers);

[EventType("placements.social-worker-allocated", 1)]
public sealed record SocialWorkerAllocated(DateOnly Date, string SocialWorkerId, string Reason);

[EventType("placements.social-worker-ended", 1)]
public sealed record SocialWorkerEnded(DateOnly Date, string Reason);

[EventType("placements.event-retracted", 1)]
public sealed record EventRetracted(DateOnly Date, Guid RetractedEventId);

// Missing episodes: stream id = "episode:{episodeId}". Only the report names the child; the projection
// keeps the episode id of every event so that the rest join it. The service's "missing:{childId}" streams
// index the same facts for its own decisions and are not read here.

/// <summary>RiskLevel is the police risk level in force at the report (low, medium, high); ExploitationRisk the known
/// risk of criminal or sexual exploitation. Both are in every stored report; null only if a future version drops them.</summary>
[EventType("missing.missing-episode-reported", 1)]
public sealed record MissingEpisodeReported(Guid EpisodeId, string ChildId, string Kind, DateTimeOffset LastSeenAt,
    string? RiskLevel = null, ExploitationFlags? ExploitationRisk = null);

/// <summary>The exploitation risk known at the report: child criminal (CCE) and child sexual exploitation (CSE).</summary>
public sealed record ExploitationFlags(bool Criminal, bool Sexual);

/// <summary>The risk level was raised or lowered while the child was missing.</summary>
[EventType("missing.risk-level-changed", 1)]
public sealed record RiskLevelChanged(Guid EpisodeId, DateTimeOffset At, string RiskLevel);

/// <summary>FoundArea: a postcode area or a short description of where the child was found, never an address.</summary>
[EventType("missing.child-returned", 1)]
public sealed record ChildReturned(Guid EpisodeId, DateTimeOffset ReturnedAt, string? FoundArea = null);

/// <summary>The child's care ended while the child was still missing: the episode ends on EndedOn (the first
/// day not looked after). Not a return: no return instant, no return-interview clock.</summary>
[EventType("missing.episode-closed-at-end-of-care", 1)]
public sealed record EpisodeClosedAtEndOfCare(Guid EpisodeId, DateOnly EndedOn);

/// <summary>The end of care that closed the episode no longer closes it: Placements retracted it (correction
/// care-period-reopened or care-period-withdrawn), or an earlier message of Placements arrived late and another end
/// is in force (care-period-restated; the episode is then closed again at that end). The episode is open again.</summary>
[EventType("missing.episode-reopened", 1)]
public sealed record EpisodeReopened(Guid EpisodeId);

[EventType("missing.return-interview-offered", 1)]
public sealed record ReturnInterviewOffered(Guid EpisodeId, DateTimeOffset At);

[EventType("missing.return-interview-accepted", 1)]
public sealed record ReturnInterviewAccepted(Guid EpisodeId, DateTimeOffset At);

[EventType("missing.return-interview-declined", 1)]
public sealed record ReturnInterviewDeclined(Guid EpisodeId, DateTimeOffset At);

[EventType("missing.return-interview-completed", 1)]
public sealed record ReturnInterviewCompleted(Guid EpisodeId, DateTimeOffset At);

// Reviews: stream id = "reviews:{childId}". Its care-period events copy Placements' announcements, which
// the Indicators service reads at the source, so they are not read here.

[EventType("reviews.iro-allocated", 1)]
public sealed record IroAllocated(DateOnly Date, string IroId, string Team);

[EventType("reviews.review-held", 1)]
public sealed record ReviewHeld(DateOnly Date, string Participation);

[EventType("reviews.review-cancelled", 1)]
public sealed record ReviewCancelled(DateOnly Date);

[EventType("reviews.review-corrected", 1)]
public sealed record ReviewCorrected(DateOnly ReviewDate, DateOnly Date, string Participation);

// Health: stream id = "health:{childId}". Its care-period events copy Placements' announcements, as Reviews' do,
// so they are not read here; nor is the health passport, which no committee measure counts.

[EventType("health.assessment-requested", 1)]
public sealed record HealthAssessmentRequested(DateOnly RequestedOn, AssessmentKind Kind);

[EventType("health.assessment-carried-out", 1)]
public sealed record HealthAssessmentCarriedOut(DateOnly Date, AssessmentKind Kind);

[EventType("health.immunisations-checked", 1)]
public sealed record ImmunisationsChecked(DateOnly Date, bool UpToDate);

[EventType("health.dental-check-done", 1)]
public sealed record DentalCheckDone(DateOnly Date);

[EventType("health.development-check-done", 1)]
public sealed record DevelopmentCheckDone(DateOnly Date);

[EventType("health.sdq-recorded", 1)]
public sealed record SdqRecorded(DateOnly Date, int? Score, string? Reason);

[EventType("health.substance-misuse-identified", 1)]
public sealed record SubstanceMisuseIdentified(DateOnly Date, bool InterventionOffered, bool InterventionReceived);

[EventType("health.conviction-recorded", 1)]
public sealed record ConvictionRecorded(DateOnly Date);

// Leaving care: one stream per young person, its id "<prefix>:{childId}" (docs/leaving-care.md); the child is the
// part after the first colon, whatever the prefix. Care-period events are Placements' again, and not read here.

[EventType("leavingcare.personal-adviser-allocated", 1)]
public sealed record PersonalAdviserAllocated(DateOnly Date, string AdviserId);

[EventType("leavingcare.contact-recorded", 1)]
public sealed record CareLeaverContactRecorded(DateOnly Date, string InTouch, string Activity, string Accommodation);

/// <summary>A later event for the same start replaces the earlier (it records the end).</summary>
[EventType("leavingcare.staying-put-recorded", 1)]
public sealed record StayingPutRecorded(DateOnly From, DateOnly? To);

[EventType("leavingcare.supported-lodgings-recorded", 1)]
public sealed record SupportedLodgingsRecorded(DateOnly From, DateOnly? To);

[EventType("leavingcare.pathway-plan-reviewed", 1)]
public sealed record PathwayPlanReviewed(DateOnly Date);
