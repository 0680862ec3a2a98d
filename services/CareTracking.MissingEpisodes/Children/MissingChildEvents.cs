using CareTracking.EventStore;

namespace CareTracking.MissingEpisodes.Children;

// The events of one child's stream in this service (one stream per authority and child): what the service
// has learnt from Placements' integration messages about the child's care, and an index of the child's
// episodes, appended in the same atomic append as the episode's own event. Decisions that need to know
// "was the child in care?", "is an episode open?" or "how many incidents lately?" fold only this stream.
// Each note of a Placements message keeps the message's SourceVersion (null when it carried none), so that the
// fold can put the notes back in Placements' order (CareNotes).
// Every subtype lives in this file.

public abstract record MissingChildEvent;

/// <summary>Placements' CarePeriodStarted was consumed. Date of birth is kept only to give the police an age;
/// never log it.</summary>
[EventType("missing.care-period-noted", 1)]
public sealed record CarePeriodNoted(
    string Authority,
    string ChildId,
    DateOnly StartDate,
    string? PlacementArea,
    string Sex,
    DateOnly DateOfBirth,
    Guid SourceEventId,
    long? SourceVersion = null) : MissingChildEvent;

/// <summary>Placements' CarePeriodEnded was consumed. The child is not in care from EndDate on. ReasonEnded is
/// the 903 REC; events noted before it was kept have none.</summary>
[EventType("missing.care-period-end-noted", 1)]
public sealed record CarePeriodEndNoted(
    string Authority,
    string ChildId,
    DateOnly StartDate,
    DateOnly EndDate,
    Guid SourceEventId,
    string? ReasonEnded = null,
    long? SourceVersion = null) : MissingChildEvent;

/// <summary>Placements' CarePeriodReopened was consumed: the ending was retracted, so the period is open again
/// (and may now cover a held report). RetractedEndDate is the end that was retracted; reopenings noted before it
/// was kept have none and undo any end.</summary>
[EventType("missing.care-period-reopen-noted", 1)]
public sealed record CarePeriodReopenNoted(
    string Authority,
    string ChildId,
    DateOnly StartDate,
    Guid SourceEventId,
    DateOnly? RetractedEndDate = null,
    long? SourceVersion = null) : MissingChildEvent;

/// <summary>Placements' CarePeriodWithdrawn was consumed: the entry into care was retracted, so the period is
/// forgotten. Episodes already confirmed stay confirmed, as they do after a back-dated end of care: the
/// police were told and the incident happened.</summary>
[EventType("missing.care-period-withdrawal-noted", 1)]
public sealed record CarePeriodWithdrawalNoted(
    string Authority,
    string ChildId,
    DateOnly StartDate,
    Guid SourceEventId,
    long? SourceVersion = null) : MissingChildEvent;

/// <summary>Placements' PlacementChanged was consumed; only the placement's postcode area matters here.</summary>
[EventType("missing.placement-noted", 1)]
public sealed record PlacementNoted(
    string Authority,
    string ChildId,
    DateOnly Date,
    string? PlacementArea,
    Guid SourceEventId,
    long? SourceVersion = null) : MissingChildEvent;

/// <summary>An episode was reported; <see cref="ReportedAfterReturn"/> when the child was already back (its
/// <see cref="EpisodeReturnedNoted"/> follows in the same append; the police were not told of it).</summary>
[EventType("missing.episode-reported-noted", 1)]
public sealed record EpisodeReportedNoted(
    Guid EpisodeId,
    string Kind,
    DateTimeOffset LastSeenAt,
    bool AwaitingCareConfirmation,
    bool ReportedAfterReturn = false) : MissingChildEvent;

[EventType("missing.episode-returned-noted", 1)]
public sealed record EpisodeReturnedNoted(Guid EpisodeId, DateTimeOffset ReturnedAt) : MissingChildEvent;

/// <summary>The episode was closed at the end of the period of care starting <see cref="CarePeriodStartDate"/>,
/// in the same append as the episode's <c>EpisodeClosedAtEndOfCare</c>.</summary>
[EventType("missing.episode-closed-noted", 1)]
public sealed record EpisodeClosedNoted(Guid EpisodeId, DateOnly EndedOn, DateOnly CarePeriodStartDate) : MissingChildEvent;

/// <summary>The episode's closure at the end of care was undone (the end of care was retracted), in the same
/// append as the episode's <c>EpisodeReopened</c>.</summary>
[EventType("missing.episode-reopened-noted", 1)]
public sealed record EpisodeReopenedNoted(Guid EpisodeId) : MissingChildEvent;
