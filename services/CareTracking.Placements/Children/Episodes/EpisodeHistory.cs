namespace CareTracking.Placements.Children.Episodes;

/// <summary>
/// One row of the 903 Episodes table: a span with one legal status and one placement.
/// <see cref="Dec"/> and <see cref="Rec"/> are empty while the episode is open; REC X1 means the next
/// episode began the same day. <see cref="ReasonPlaceChange"/> is recorded against the episode that ends
/// with the move.
/// </summary>
public sealed record EpisodeRow(
    DateOnly Decom,
    string Rne,
    string Ls,
    string Cin,
    string Place,
    string? PlaceProvider,
    DateOnly? Dec,
    string? Rec,
    string? ReasonPlaceChange,
    string? HomePost,
    string? PlPost,
    string? Urn);

/// <summary>The child's history as 903 episode rows, derived from the timeline by effective date.</summary>
public static class EpisodeHistory
{
    public static IReadOnlyList<EpisodeRow> Derive(Child child)
    {
        var rows = new List<EpisodeRow>();
        EpisodeRow? open = null;

        foreach (var (entry, before, after) in CareSituation.Walk(child.Timeline))
        {
            switch (entry.Event)
            {
                case ChildEnteredCare entered:
                    open = Begin(entered.Date, "S", after);
                    break;
                case LegalStatusChanged changed when open is not null:
                    rows.Add(open with { Dec = changed.Date, Rec = "X1" });
                    open = Begin(changed.Date, "L", after);
                    break;
                case PlacementMoved moved when open is not null:
                    rows.Add(open with { Dec = moved.Date, Rec = "X1", ReasonPlaceChange = moved.Reason });
                    open = Begin(moved.Date, moved.ReasonNewEpisode, after);
                    break;
                case ChildCeasedCare ceased when open is not null:
                    rows.Add(open with { Dec = ceased.Date, Rec = ceased.Reason });
                    open = null;
                    break;
            }
        }

        if (open is not null) rows.Add(open);
        return rows;
    }

    private static EpisodeRow Begin(DateOnly decom, string rne, CareSituation situation) => new(
        Decom: decom,
        Rne: rne,
        Ls: situation.LegalStatus!,
        Cin: situation.CategoryOfNeed!,
        Place: situation.Placement!.Type,
        PlaceProvider: situation.Placement.Provider,
        Dec: null,
        Rec: null,
        ReasonPlaceChange: null,
        HomePost: situation.HomePostcode,
        PlPost: situation.Placement.Postcode,
        Urn: situation.Placement.Urn);
}
