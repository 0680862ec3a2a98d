using CareTracking.Ssda903.Permanence;

namespace CareTracking.Indicators.Returns.Tables;

/// <summary>PrevPerm: the previous permanence of a child who started to be looked after in the year. One row per
/// child (the validator's INT35), for the latest period of care that began in the year (an episode with RNE S and
/// DECOM from 1 April to 31 March, the episodes rule 630 asks PrevPerm of; rule 634 refuses a row for a child with no
/// such start), with what Placements recorded on that entry to care (ChildEnteredCare.PreviousPermanence). No row
/// when nothing was recorded on it: the check reports rule 630 rather than the export inventing "unknown".
/// DATE_PERM is written as precisely as it was given (dd/mm/yyyy, zz/mm/yyyy, zz/zz/yyyy).</summary>
public sealed class PrevPermTable : IReturnTable
{
    public string File => "previous_permanence.csv";
    public string Name => "PrevPerm";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children
            .Select(c => (Child: c, Start: LatestStartInYear(cohort.Year, c)))
            .Select(c => (c.Child, Recorded: c.Start is { } start ? c.Child.History.PreviousPermanenceOrNone.LastOrDefault(p => p.PeriodStart == start) : null))
            .Where(c => c.Recorded is not null)
            .Select(c => new ReturnRow(c.Child.ChildId,
                [c.Child.ChildId, ReturnYear.Date(c.Child.DateOfBirth), c.Recorded!.Option, c.Recorded.Authority ?? "", PreviousPermanenceDate.ToCell(c.Recorded.Date)])),
    ];

    /// <summary>The DECOM of the child's last episode with RNE S that began in the year, if any.</summary>
    public static DateOnly? LatestStartInYear(ReturnYear year, ReturnChild child) =>
        child.Episodes.Where(e => e.Rne == "S" && e.Decom >= year.Start && e.Decom <= year.End).Select(e => (DateOnly?)e.Decom).Max();
}
