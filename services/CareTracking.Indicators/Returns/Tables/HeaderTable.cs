namespace CareTracking.Indicators.Returns.Tables;

/// <summary>Header: one row per child of the return, from the child's details as last given on entering care.
/// UPN as recorded (or its UN1–UN5 reason). MOTHER only for a girl with an episode in the year under a legal status
/// other than the short breaks V3/V4, 1 or 0 as recorded: a boy has none, a child on short breaks only has none
/// (validator rule 399), and a care leaver who is in the return only for OC3 has none either (rule 165). MC_DOB only
/// beside MOTHER 1. Empty where Placements was not told.</summary>
public sealed class HeaderTable : IReturnTable
{
    public string File => "header.csv";
    public string Name => "Header";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children.Select(c =>
        {
            var mother = c.Sex == "F" && c.Episodes.Any(e => e.Ls is not ("V3" or "V4")) ? c.Details?.Mother : null;
            return new ReturnRow(c.ChildId,
                [c.ChildId, cohort.Year.Sex(c.Sex), ReturnYear.Date(c.DateOfBirth), c.Ethnicity ?? "", c.Details?.Upn ?? "",
                 mother switch { true => "1", false => "0", null => "" },
                 mother == true ? ReturnYear.Date(c.Details?.MotherChildDateOfBirth) : ""]);
        }),
    ];
}
