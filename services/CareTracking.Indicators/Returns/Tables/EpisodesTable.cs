namespace CareTracking.Indicators.Returns.Tables;

/// <summary>Episodes: the episodes open on any day of the year, as Ssda903 derives them from Placements' events
/// (EpisodeRow), in DECOM order per child. PL_LA and PL_DISTANCE are the validator's derived columns, not the
/// return's.</summary>
public sealed class EpisodesTable : IReturnTable
{
    public string File => "episodes.csv";
    public string Name => "Episodes";
    public IReadOnlyList<string> Columns { get; } =
        ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children.SelectMany(c => c.Episodes.Select(e => new ReturnRow(c.ChildId,
            [c.ChildId, ReturnYear.Date(e.Decom), e.Rne, e.Ls, e.Cin, e.Place, e.PlaceProvider ?? "", ReturnYear.Date(e.Dec), e.Rec ?? "",
             e.ReasonPlaceChange ?? "", e.HomePost ?? "", e.PlPost ?? "", e.Urn ?? ""]))),
    ];
}
