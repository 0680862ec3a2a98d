using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Privacy;

namespace CareTracking.MissingEpisodes.Episodes;

// The events of one missing episode's stream (stream id `episode:{episodeId}`). Every subtype lives in this file:
// the hierarchy is closed, and Episode.Evolve handles each case.

public abstract record EpisodeEvent(Guid EpisodeId);

/// <summary>
/// The case system reported that a looked-after child went missing (M) or away (A).
/// <see cref="RiskLevel"/> is the level in force; <see cref="RequestedRiskLevel"/> is what the case system
/// asked for, which differs when a known exploitation risk raised it to high.
/// <see cref="AwaitingCareConfirmation"/> is true when the service had not yet heard from Placements that the
/// child was in care when last seen: the report is kept and becomes live on <see cref="EpisodeCareConfirmed"/>.
/// <see cref="ReportedAfterReturn"/> is true for a report recorded after the child was already back (history
/// loaded from a 903 return, or an episode the case system learnt of late): its <see cref="ChildReturned"/>
/// follows in the same append, it is an incident like any other, and the police hear nothing of it.
/// </summary>
[EventType("missing.missing-episode-reported", 1)]
public sealed record MissingEpisodeReported(
    Guid EpisodeId,
    string Authority,
    string ChildId,
    string Kind,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ReportedAt,
    string RiskLevel,
    string RequestedRiskLevel,
    [property: PersonalText] string? RiskReason,
    ExploitationRisk ExploitationRisk,
    string? PoliceReference,
    bool AwaitingCareConfirmation,
    bool ReportedAfterReturn = false) : EpisodeEvent(EpisodeId);

/// <summary>A report held for care confirmation: Placements has now told us of a period of care covering
/// the last-seen date, so the episode is live (counted, and alerted to the police).</summary>
[EventType("missing.episode-care-confirmed", 1)]
public sealed record EpisodeCareConfirmed(Guid EpisodeId, DateOnly CarePeriodStartDate) : EpisodeEvent(EpisodeId);

/// <param name="ReviewedBy">Who reviewed a lowering of a child at risk of criminal exploitation (a police inspector);
/// null otherwise, and in events stored before it was recorded.</param>
[EventType("missing.risk-level-changed", 1)]
public sealed record RiskLevelChanged(
    Guid EpisodeId,
    DateTimeOffset At,
    string RiskLevel,
    string PreviousRiskLevel,
    [property: PersonalText] string Reason,
    [property: PersonalText] string? ReviewedBy = null) : EpisodeEvent(EpisodeId);

/// <summary>The child was found (M) or came back to the placement (A): 903 MIS_END. Starts the 72-hour
/// return-interview clock. FoundArea is a postcode area or free description of where, never an address.</summary>
[EventType("missing.child-returned", 1)]
public sealed record ChildReturned(Guid EpisodeId, DateTimeOffset ReturnedAt, string? FoundArea) : EpisodeEvent(EpisodeId);

/// <summary>
/// The child's period of care ended (Placements' CarePeriodEnded) while the child was still missing or away:
/// the local authority's episode ends with the care, as at <see cref="EndedOn"/> (903 DEC, the first day the
/// child is not looked after; unresolved missing cases close at the 18th birthday, REC E8). It is not a
/// return: the child was not found, no return interview becomes due and no "returned" alert is sent; the
/// police keep their own case open. <see cref="Reason"/> is "18th-birthday" when the care ended on the 18th
/// birthday, else "care-ended"; <see cref="ReasonEnded"/> is the 903 REC Placements gave (null if not known).
/// </summary>
[EventType("missing.episode-closed-at-end-of-care", 1)]
public sealed record EpisodeClosedAtEndOfCare(
    Guid EpisodeId,
    DateOnly EndedOn,
    string Reason,
    string? ReasonEnded,
    DateOnly CarePeriodStartDate) : EpisodeEvent(EpisodeId);

/// <summary>
/// The end of care that closed the episode no longer closes it: Placements retracted it (the period was
/// reopened, or the whole period withdrawn), or an earlier message of Placements arrived late and, in Placements'
/// order, another end is in force. The episode is open again (then closed at the end in force, if any), the child
/// still missing as far as the local authority knows. <see cref="Correction"/> is "care-period-reopened",
/// "care-period-withdrawn" or "care-period-restated" (the late message; <see cref="CareCorrection"/>).
/// </summary>
[EventType("missing.episode-reopened", 1)]
public sealed record EpisodeReopened(Guid EpisodeId, DateOnly RetractedEndedOn, string Correction) : EpisodeEvent(EpisodeId);

// The independent return interview: each step records whether it happened within 72 hours of the return
// instant (at <= returnedAt + 72h), the measure the committee reads.

[EventType("missing.return-interview-offered", 1)]
public sealed record ReturnInterviewOffered(Guid EpisodeId, DateTimeOffset At, bool Within72Hours) : EpisodeEvent(EpisodeId);

[EventType("missing.return-interview-accepted", 1)]
public sealed record ReturnInterviewAccepted(Guid EpisodeId, DateTimeOffset At, bool Within72Hours) : EpisodeEvent(EpisodeId);

[EventType("missing.return-interview-declined", 1)]
public sealed record ReturnInterviewDeclined(Guid EpisodeId, DateTimeOffset At, bool Within72Hours) : EpisodeEvent(EpisodeId);

[EventType("missing.return-interview-completed", 1)]
public sealed record ReturnInterviewCompleted(Guid EpisodeId, DateTimeOffset At, bool Within72Hours) : EpisodeEvent(EpisodeId);
