namespace CareTracking.Indicators.Returns;

/// <summary>One row of a return table: the child it is about and its cells, in the table's column order ("" for
/// an empty cell).</summary>
public sealed record ReturnRow(string Child, IReadOnlyList<string> Cells);

/// <summary>
/// One table of the 903 return, written to one CSV file of the export. Each table is its own class in
/// Returns/Tables (one writer per file), listed once in <see cref="ReturnTables.All"/>. A table whose facts the
/// suite does not hold yet says so in <see cref="NotProducedBecause"/>: the export leaves its file out and names it,
/// rather than sending an empty file that would read as "no such children".
/// </summary>
public interface IReturnTable
{
    /// <summary>The file name in the export, as the validator's offline runner reads it (e.g. episodes.csv).</summary>
    string File { get; }

    /// <summary>The validator's name of the table (lac_validator/config.py), used in the check's answers.</summary>
    string Name { get; }

    /// <summary>The columns, exactly as the validator expects them (ssda903.md "Tables and columns").</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Null when the table is produced; otherwise why not (which facts the suite does not hold yet).</summary>
    string? NotProducedBecause { get; }

    IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort);

    /// <summary>Whether the year's return has this table at all (SWEpisodes only from 2023/24): a table the year
    /// does not have is neither written nor named as not produced.</summary>
    bool IsInReturnOf(ReturnYear year) => true;
}

/// <summary>A table whose facts no service records yet: no rows, and the reason, which the export and the docs show.</summary>
public abstract class NotYetProduced(string file, string name, string[] columns, string reason) : IReturnTable
{
    public string File => file;
    public string Name => name;
    public IReadOnlyList<string> Columns => columns;
    public string? NotProducedBecause => reason;
    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) => [];
}
