using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using CareTracking.Indicators.Projections;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Episodes;
using CareTracking.Ssda903.Health;

namespace CareTracking.Indicators.Returns;

/// <summary>A child of the return: the header's facts and the full history, with the episodes that belong in the
/// year's Episodes table (<see cref="ReturnCohort.EpisodesInYear"/>), and the health and leaving-care facts the OC2
/// and OC3 tables are drawn from. <see cref="Details"/> are the child's details as last given on entering care (UPN,
/// MOTHER, MC_DOB for the header).</summary>
public sealed record ReturnChild(string ChildId, DateOnly? DateOfBirth, string? Sex, string? Ethnicity, ChildHistory History,
    IReadOnlyList<EpisodeRow> Episodes, HealthFacts? Health = null, CareLeaverFacts? CareLeaver = null, ChildView? Details = null)
{
    public HealthFacts HealthOrNone => Health ?? HealthFacts.None;
    public CareLeaverFacts CareLeaverOrNone => CareLeaver ?? CareLeaverFacts.None;
}

/// <summary>
/// The children a 903 return is about: those looked after at any time in the year (an episode open on any day
/// of it), and the care leavers of its OC3 table, who may have left care years before. Every table's rows are drawn
/// from them, so the header has a row for each child of every table.
/// Children are in CHILD order, so every export of the same history lists the same rows in the same order.
/// </summary>
public sealed record ReturnCohort(ReturnYear Year, IReadOnlyList<ReturnChild> Children)
{
    public static ReturnCohort Of(ReturnYear year, IEnumerable<ChildRecord> records) => new(year,
    [
        .. records
            .Select(r => new ReturnChild(r.History.ChildId, r.History.DateOfBirth, r.Details?.Sex, r.Details?.Ethnicity, r.History,
                EpisodesInYear(year, r.History.Episodes), r.Health, r.CareLeaver, r.Details))
            .Where(c => c.Episodes.Count > 0 || CareLeaverRow(year, c) is not null)
            .OrderBy(c => c.ChildId, StringComparer.Ordinal),
    ]);

    /// <summary>The young person's OC3 row for the year (a 17th to 21st birthday in it, relevant or former relevant
    /// then), as Ssda903's <see cref="Oc3"/> gives it over the same periods of care CareLeaverIndicators reads; none
    /// without a date of birth.</summary>
    public static Oc3Row? CareLeaverRow(ReturnYear year, ReturnChild child) => child.DateOfBirth is { } born
        ? Oc3.RowFor(HealthAndCareLeaverPeriods.CareHistoryOf(child.History), born, child.CareLeaverOrNone.Contacts, year.Collection)
        : null;

    /// <summary>Episodes open on any day of the year (DECOM by 31 March, DEC on or after 1 April or none). An
    /// episode that ended after 31 March is still open at the year's end: its DEC, REC and REASON_PLACE_CHANGE
    /// are empty, as the DfE's validator expects of an episode open at the end of the collection year.</summary>
    public static IReadOnlyList<EpisodeRow> EpisodesInYear(ReturnYear year, IReadOnlyList<EpisodeRow> episodes) =>
    [
        .. episodes
            .Where(e => year.Overlaps(e.Decom, e.Dec))
            .Select(e => e.Dec is { } dec && dec > year.End ? e with { Dec = null, Rec = null, ReasonPlaceChange = null } : e)
            .OrderBy(e => e.Decom),
    ];
}
