namespace CareTracking.Indicators.Returns.Tables;

/// <summary>UASC: a row for each child of the return who was an unaccompanied asylum-seeking child on any day of
/// the year; DUC is the date the status ceased, empty while it still applied at 31 March. A child with two
/// spells in the year has the later one.</summary>
public sealed class UascTable : IReturnTable
{
    public string File => "uasc.csv";
    public string Name => "UASC";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "SEX", "DOB", "DUC"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children.Select(c => (Child: c, Spell: c.History.Uasc.LastOrDefault(s => cohort.Year.Overlaps(s.From, s.Ceased))))
            .Where(c => c.Spell is not null)
            .Select(c => new ReturnRow(c.Child.ChildId,
                [c.Child.ChildId, cohort.Year.Sex(c.Child.Sex), ReturnYear.Date(c.Child.DateOfBirth), ReturnYear.Date(cohort.Year.KnownByEnd(c.Spell!.Ceased))])),
    ];
}
