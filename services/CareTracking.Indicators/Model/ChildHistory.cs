using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Model;

// The read model the Indicators projections build from every service's events: one child's care history
// in SSDA903 terms, as known at some instant. The committee measures are computed from these alone.
// Authority is the LA code (e.g. "831"); ChildId is the 903 CHILD reference.

/// <summary>One child's history in 903 terms. Its episodes are the 903 Episodes table's rows as Ssda903 derives
/// them (<see cref="EpisodeRow"/>: DECOM, RNE, LS, CIN, PLACE, ... under their 903 names).</summary>
public sealed record ChildHistory(
    string Authority,
    string ChildId,
    DateOnly? DateOfBirth,
    IReadOnlyList<EpisodeRow> Episodes,
    IReadOnlyList<UascSpell> Uasc,
    IReadOnlyList<MissingIncident> Missing,
    IReadOnlyList<ReviewRecord> Reviews,
    IReadOnlyList<IroAllocationRecord> IroAllocations);

/// <summary>
/// A spell as an unaccompanied asylum-seeking child: from the day the status was recorded as applying
/// until DUC, the date the status ceased.
/// </summary>
public sealed record UascSpell(DateOnly From, DateOnly? Ceased);

/// <summary>903 MISSING: M missing from care (whereabouts unknown), A away without authorisation (known).</summary>
public enum MissingKind
{
    Missing,
    Away,
}

/// <summary>
/// A missing or away episode on instants (UTC). End is the return (MIS_END). FirstReturnInterviewAt is the
/// earliest return-interview event of any outcome (the offer); InterviewAccepted includes interviews that
/// were completed. ClosedAtEndOfCare is the UK date care ended while the child was still missing (no return):
/// the episode ends then, at the start of that day, but is not a return.
/// </summary>
public sealed record MissingIncident(
    MissingKind Kind,
    DateTimeOffset Start,
    DateTimeOffset? End,
    DateTimeOffset? FirstReturnInterviewAt = null,
    bool InterviewAccepted = false,
    bool InterviewCompleted = false,
    DateOnly? ClosedAtEndOfCare = null);

/// <summary>A statutory review held on Date; ParticipationCode is REVIEW_CODE PN0–PN7.</summary>
public sealed record ReviewRecord(DateOnly Date, string? ParticipationCode);

/// <summary>The UK date an independent reviewing officer was allocated to the child.</summary>
public sealed record IroAllocationRecord(DateOnly AllocatedOn);
