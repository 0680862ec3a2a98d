namespace CareTracking.Indicators.Returns.Tables;

/// <summary>OC3: a row for each care leaver whose 17th to 21st birthday falls in the year and who was relevant (17)
/// or former relevant (18 to 21) then (<see cref="ReturnCohort.CareLeaverRow"/>, Ssda903's Oc3 as the care-leaver
/// measures use it), with IN_TOUCH, ACTIV and ACCOM from the Leaving-care contact nearest the birthday; empty cells
/// when no contact falls in the window around it.</summary>
public sealed class Oc3Table : IReturnTable
{
    public string File => "oc3.csv";
    public string Name => "OC3";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children
            .Select(c => (Child: c, Row: ReturnCohort.CareLeaverRow(cohort.Year, c)))
            .Where(c => c.Row is not null)
            .Select(c => new ReturnRow(c.Child.ChildId,
                [c.Child.ChildId, ReturnYear.Date(c.Child.DateOfBirth), c.Row!.InTouch ?? "", c.Row.Activity ?? "", c.Row.Accommodation ?? ""])),
    ];
}
