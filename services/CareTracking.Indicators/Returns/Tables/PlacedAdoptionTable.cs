namespace CareTracking.Indicators.Returns.Tables;

/// <summary>PlacedAdoption: each decision that a child of the return should be placed for adoption that stood on
/// some day of the year (Placements' adoption facts, as Ssda903's PermanenceDerivation gives them): DATE_PLACED the
/// decision, DATE_PLACED_CEASED and REASON_PLACED_CEASED when it stopped applying by 31 March, empty otherwise.</summary>
public sealed class PlacedAdoptionTable : IReturnTable
{
    public string File => "placed_for_adoption_errors.csv";
    public string Name => "PlacedAdoption";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children.SelectMany(c => c.History.PermanenceOrNone.PlacedAdoption
            .Where(p => cohort.Year.Overlaps(p.DatePlaced, p.DatePlacedCeased))
            .OrderBy(p => p.DatePlaced)
            .Select(p => (Row: p, Ceased: cohort.Year.KnownByEnd(p.DatePlacedCeased)))
            .Select(p => new ReturnRow(c.ChildId,
                [c.ChildId, ReturnYear.Date(c.DateOfBirth), ReturnYear.Date(p.Row.DatePlaced), ReturnYear.Date(p.Ceased),
                 p.Ceased is null ? "" : p.Row.ReasonPlacedCeased ?? ""]))),
    ];
}
