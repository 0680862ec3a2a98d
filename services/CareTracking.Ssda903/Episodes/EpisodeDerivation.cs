namespace CareTracking.Ssda903.Episodes;

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
