using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Returns.Tables;

/// <summary>Missing: each missing (M) or away (A) episode of a child of the return that was open on any day of the
/// year, on UK dates: MIS_START the day last seen, MIS_END the day of the return (or the day care ended while the
/// child was still missing), empty when still open at 31 March.</summary>
public sealed class MissingTable : IReturnTable
{
    public string File => "missing.csv";
    public string Name => "Missing";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children.SelectMany(c => c.History.Missing
            .Select(m => (Incident: m, Start: UkLocalDate.Of(m.Start), End: End(m)))
            .Where(m => cohort.Year.Overlaps(m.Start, m.End))
            .OrderBy(m => m.Incident.Start)
            .Select(m => new ReturnRow(c.ChildId,
                [c.ChildId, ReturnYear.Date(c.DateOfBirth), m.Incident.Kind == MissingKind.Away ? "A" : "M",
                 ReturnYear.Date(m.Start), ReturnYear.Date(cohort.Year.KnownByEnd(m.End))]))),
    ];

    private static DateOnly? End(MissingIncident m) =>
        m.End is { } returned ? UkLocalDate.Of(returned) : m.ClosedAtEndOfCare;
}
