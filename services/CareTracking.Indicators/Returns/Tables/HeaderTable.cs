namespace CareTracking.Indicators.Returns.Tables;

/// <summary>Header: one row per child of the return. UPN, MOTHER and MC_DOB are not recorded by any service yet
/// (docs/return-903.md, "Not yet collected"): their cells are empty.</summary>
public sealed class HeaderTable : IReturnTable
{
    public string File => "header.csv";
    public string Name => "Header";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children.Select(c => new ReturnRow(c.ChildId,
            [c.ChildId, cohort.Year.Sex(c.Sex), ReturnYear.Date(c.DateOfBirth), c.Ethnicity ?? "", "", "", ""])),
    ];
}
