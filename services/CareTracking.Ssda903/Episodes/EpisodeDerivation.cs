namespace CareTracking.Ssda903.Episodes;

/// <summary>
/// Where the child lives: PLACE, PLACE_PROVIDER, PL_POST and the Ofsted URN of the setting or agency, with
/// PL_LA (<paramref name="LocalAuthority"/>) and PL_DISTANCE (<paramref name="DistanceMiles"/>) when recorded.
/// </summary>
public sealed record PlacementDetails(
    string Type, string? Provider, string? Postcode, string? Urn, string? LocalAuthority = null, decimal? DistanceMiles = null);

/// <summary>
/// A change to a child's care as the 903 Episodes table sees it, by effective date. Any service that holds a
/// child's care history (Placements owns it; Indicators reads it from the feed) states it in these terms and
/// gets the same episode rows back.
/// </summary>
public abstract record CareChange(DateOnly Date);

/// <summary>Started to be looked after: a period of care begins (RNE S).</summary>
public sealed record EnteredCare(DateOnly Date, string LegalStatus, string CategoryOfNeed, PlacementDetails Placement, string? HomePostcode)
    : CareChange(Date);

/// <summary>The legal status changed, the placement did not (RNE L).</summary>
public sealed record LegalStatusChange(DateOnly Date, string LegalStatus) : CareChange(Date);

/// <summary>A new placement record (RNE P, T, B or U as given). <paramref name="LegalStatus"/> only when it
/// changed the same day; <paramref name="ReasonPlaceChange"/> is REASON_PLACE_CHANGE of the episode that ends.</summary>
public sealed record PlacementMove(DateOnly Date, PlacementDetails Placement, string ReasonNewEpisode, string? ReasonPlaceChange, string? LegalStatus)
    : CareChange(Date);

/// <summary>Ceased to be looked after; the period of care ends with REC <paramref name="ReasonEnded"/>.</summary>
public sealed record CeasedCare(DateOnly Date, string ReasonEnded) : CareChange(Date);

/// <summary>
/// One row of the 903 Episodes table: a span with one legal status and one placement.
/// <see cref="Dec"/> and <see cref="Rec"/> are empty while the episode is open; REC X1 means the next
/// episode began the same day. <see cref="ReasonPlaceChange"/> is recorded against the episode that ends
/// with the move. <see cref="PlLa"/> (PL_LA) and <see cref="PlDistance"/> (PL_DISTANCE, miles, 999.9 unknown)
/// are those recorded with the placement; null when none was.
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
    string? Urn,
    string? PlLa = null,
    decimal? PlDistance = null);

/// <summary>The 903 episode rows of one child, derived from the changes to their care.</summary>
public static class EpisodeDerivation
{
    /// <summary>
    /// <paramref name="changes"/> are the child's care changes in recording order, retracted ones already
    /// removed. They are taken by effective date, same-day changes in recording order, because back-dated
    /// recording is normal and a late fact belongs where it happened. A change that needs an open episode
    /// (legal status, move, ceasing) while none is open cannot be placed and is ignored, as is an episode
    /// still open when care is entered again (the owning service's rules never let either happen).
    /// </summary>
    public static IReadOnlyList<EpisodeRow> Derive(IEnumerable<CareChange> changes)
    {
        var rows = new List<EpisodeRow>();
        EpisodeRow? open = null;
        string? categoryOfNeed = null, homePostcode = null;

        foreach (var change in changes.OrderBy(c => c.Date))
        {
            switch (change)
            {
                case EnteredCare entered:
                    categoryOfNeed = entered.CategoryOfNeed;
                    homePostcode = entered.HomePostcode;
                    open = Begin(entered.Date, "S", entered.LegalStatus, categoryOfNeed, entered.Placement, homePostcode);
                    break;
                case LegalStatusChange changed when open is not null:
                    rows.Add(open with { Dec = changed.Date, Rec = "X1" });
                    open = open with { Decom = changed.Date, Rne = "L", Ls = changed.LegalStatus, Dec = null, Rec = null, ReasonPlaceChange = null };
                    break;
                case PlacementMove moved when open is not null:
                    rows.Add(open with { Dec = moved.Date, Rec = "X1", ReasonPlaceChange = moved.ReasonPlaceChange });
                    open = Begin(moved.Date, moved.ReasonNewEpisode, moved.LegalStatus ?? open.Ls, categoryOfNeed!, moved.Placement, homePostcode);
                    break;
                case CeasedCare ceased when open is not null:
                    rows.Add(open with { Dec = ceased.Date, Rec = ceased.ReasonEnded });
                    open = null;
                    break;
            }
        }

        if (open is not null) rows.Add(open);
        return rows;
    }

    private static EpisodeRow Begin(DateOnly decom, string rne, string legalStatus, string categoryOfNeed, PlacementDetails placement, string? homePostcode) =>
        new(decom, rne, legalStatus, categoryOfNeed, placement.Type, placement.Provider, null, null, null, homePostcode, placement.Postcode, placement.Urn,
            placement.LocalAuthority, placement.DistanceMiles);
}
