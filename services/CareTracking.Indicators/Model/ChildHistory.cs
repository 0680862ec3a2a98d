namespace CareTracking.Indicators.Model;

// The read model the Indicators projections build from every service's events: one child's care history
// in SSDA903 terms, as known at some instant. The committee measures are computed from these alone.
// Authority is the LA code (e.g. "831"); ChildId is the 903 CHILD reference.

/// <summary>One child's history in 903 terms.</summary>
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
/// A 903 episode: one legal status and one placement from DECOM to DEC. A change of either starts a new
/// episode the day the previous one ends (which then carries REC = X1).
/// </summary>
/// <param name="Start">DECOM.</param>
/// <param name="ReasonForNewEpisode">RNE: S, L, P, T, U or B.</param>
/// <param name="LegalStatus">LS, e.g. C2, V2; V3/V4 are short breaks.</param>
/// <param name="CategoryOfNeed">CIN, N1–N8.</param>
/// <param name="Placement">PLACE, e.g. U4, K2, T1.</param>
/// <param name="PlacementProvider">PLACE_PROVIDER, PR0–PR5; absent for temporary and "other" placements.</param>
/// <param name="End">DEC; null while the episode is open.</param>
/// <param name="ReasonEnded">REC, e.g. X1 (continues in a new episode), E11 (adopted).</param>
/// <param name="ReasonPlaceChange">REASON_PLACE_CHANGE, recorded on the episode that ends.</param>
/// <param name="HomePostcode">HOME_POST.</param>
/// <param name="PlacementPostcode">PL_POST.</param>
/// <param name="Urn">Ofsted URN of the setting or agency.</param>
/// <param name="PlacementLocalAuthority">PL_LA: the LA code the child is placed in, or CON, NIR, SCO, WAL, NUK; null when not recorded.</param>
/// <param name="PlacementDistance">PL_DISTANCE: miles from home, 999.9 when unknown; null when not recorded.</param>
public sealed record EpisodeRow(
    DateOnly Start,
    string ReasonForNewEpisode,
    string LegalStatus,
    string CategoryOfNeed,
    string Placement,
    string? PlacementProvider,
    DateOnly? End = null,
    string? ReasonEnded = null,
    string? ReasonPlaceChange = null,
    string? HomePostcode = null,
    string? PlacementPostcode = null,
    string? Urn = null,
    string? PlacementLocalAuthority = null,
    decimal? PlacementDistance = null);

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
