using CareTracking.Ssda903.Episodes;
using CareTracking.Ssda903.Permanence;

namespace CareTracking.Indicators.Model;

// The read model the Indicators projections build from every service's events: one child's care history
// in SSDA903 terms, as known at some instant. The committee measures are computed from these alone.
// Authority is the LA code (e.g. "831"); ChildId is the 903 CHILD reference.

/// <summary>One child's history in 903 terms. Its episodes are the 903 Episodes table's rows as Ssda903 derives
/// them (<see cref="EpisodeRow"/>: DECOM, RNE, LS, CIN, PLACE, ... under their 903 names). <see cref="Ethnicity"/> is
/// ETHNIC as last given on entering care; <see cref="Permanence"/> the child's PlacedAdoption, AD1 and SWEpisodes
/// rows (none when not given); <see cref="PreviousPermanence"/> what each entry to care recorded as PrevPerm.</summary>
public sealed record ChildHistory(
    string Authority,
    string ChildId,
    DateOnly? DateOfBirth,
    IReadOnlyList<EpisodeRow> Episodes,
    IReadOnlyList<UascSpell> Uasc,
    IReadOnlyList<MissingIncident> Missing,
    IReadOnlyList<ReviewRecord> Reviews,
    IReadOnlyList<IroAllocationRecord> IroAllocations,
    string? Ethnicity = null,
    PermanenceRows? Permanence = null,
    IReadOnlyList<PreviousPermanenceRecord>? PreviousPermanence = null)
{
    public PermanenceRows PermanenceOrNone => Permanence ?? PermanenceRows.None;
    public IReadOnlyList<PreviousPermanenceRecord> PreviousPermanenceOrNone => PreviousPermanence ?? [];
}

/// <summary>The PrevPerm facts given when the period of care starting on <see cref="PeriodStart"/> began: PREV_PERM,
/// DATE_PERM as held (YYYY-MM-DD, YYYY-MM or YYYY) and LA_PERM.</summary>
public sealed record PreviousPermanenceRecord(DateOnly PeriodStart, string Option, string? Date, string? Authority);
