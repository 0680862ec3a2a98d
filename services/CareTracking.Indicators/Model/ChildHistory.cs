using CareTracking.Ssda903.Episodes;
using CareTracking.Ssda903.Permanence;

namespace CareTracking.Indicators.Model;

// The read model the Indicators projections build from every service's events: one child's care history
// in SSDA903 terms, as known at some instant. The committee measures are computed from these alone.
// Authority is the LA code (e.g. "831"); ChildId is the 903 CHILD reference.

/// <summary>One child's history in 903 terms. Its episodes are the 903 Episodes table's rows as Ssda903 derives
/// them (<see cref="EpisodeRow"/>: DECOM, RNE, LS, CIN, PLACE, ... under their 903 names). <see cref="Ethnicity"/> is
/// ETHNIC as last given on entering care; <see cref="Permanence"/> the child's PlacedAdoption, AD1 and SWEpisodes
/// rows (none when not given).</summary>
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
    PermanenceRows? Permanence = null)
{
    public PermanenceRows PermanenceOrNone => Permanence ?? PermanenceRows.None;
}
