using System.Globalization;
using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Mapping.ImportRules;

namespace CareTracking.Import903.Mapping;

/// <summary>
/// placed_for_adoption.csv, ad1.csv and sw_episodes.csv rows to Placements' adoption and social-worker posts
/// (docs/import-903.md). Codes (RD1–RD4, SEX_ADOPTR, LS_ADOPTR, SW_ID, SW_REASON) are Placements' to judge; the
/// importer checks only that dates are dates and numbers numbers.
/// </summary>
internal static class PermanenceMapping
{
    /// <summary>The 903 records no reason for the end of a social worker's episode that has no successor.</summary>
    public const string EndWithoutSuccessorReason = "OTHERS";

    public static IEnumerable<(ImportStep?, RowRejection?)> Map(List<IReturnRecord> rows, ImportIds ids)
    {
        foreach (var placed in rows.OfType<PlacedAdoptionRecord>())
            yield return Placed(placed, ids);
        foreach (var ad1 in rows.OfType<Ad1Record>())
            yield return Adopted(ad1, ids);
        var workers = rows.OfType<SocialWorkerRecord>().ToList();
        var starts = workers.Select(w => ReturnValues.Date(w.SwDecom)).OfType<DateOnly>().ToHashSet();
        foreach (var worker in workers.OrderBy(w => ReturnValues.Date(w.SwDecom) ?? DateOnly.MaxValue))
            yield return SocialWorker(worker, starts, ids);
    }

    private static string PathOf(IReturnRecord r, string endpoint) => $"/api/children/{Uri.EscapeDataString(r.Child)}/{endpoint}";

    private static (ImportStep?, RowRejection?) Placed(PlacedAdoptionRecord r, ImportIds ids)
    {
        if (ReturnValues.Date(r.DatePlaced) is not { } placed)
            return (null, Reject(r, "DATE_PLACED", DateFormat, $"DATE_PLACED '{r.DatePlaced}' is not a date (dd/mm/yyyy)."));
        var ceased = ReturnValues.Date(r.DatePlacedCeased);
        if (r.DatePlacedCeased.Length > 0 && ceased is null)
            return (null, Reject(r, "DATE_PLACED_CEASED", DateFormat, $"DATE_PLACED_CEASED '{r.DatePlacedCeased}' is not a date (dd/mm/yyyy)."));
        if (ceased is null && r.ReasonPlacedCeased.Length > 0)
            return (null, Reject(r, "REASON_PLACED_CEASED", ReasonWithoutDate, "REASON_PLACED_CEASED is given without DATE_PLACED_CEASED."));

        List<ImportPost> posts = [new(TargetService.Placements, PathOf(r, "adoption-decisions"),
            new AdoptionDecisionBody(placed, ids.For(r, "adoption-decision")), "adoption-decisions")];
        if (ceased is { } date)
            posts.Add(new(TargetService.Placements, PathOf(r, "adoption-decision-reversals"),
                new AdoptionDecisionReversalBody(date, r.ReasonPlacedCeased, ids.For(r, "adoption-decision-reversal")), "adoption-decision-reversals"));
        return (new ImportStep(r.Row, r.Child, posts), null);
    }

    /// <summary>AD1: the decision (DATE_INT; the same fact as the PlacedAdoption row's, which Placements takes as a
    /// repeat) and the match.</summary>
    private static (ImportStep?, RowRejection?) Adopted(Ad1Record r, ImportIds ids)
    {
        if (ReturnValues.Date(r.DateInt) is not { } decided)
            return (null, Reject(r, "DATE_INT", DateFormat, $"DATE_INT '{r.DateInt}' is not a date (dd/mm/yyyy)."));
        if (ReturnValues.Date(r.DateMatch) is not { } matched)
            return (null, Reject(r, "DATE_MATCH", DateFormat, $"DATE_MATCH '{r.DateMatch}' is not a date (dd/mm/yyyy)."));
        if (!int.TryParse(r.NbAdoptr, NumberStyles.None, CultureInfo.InvariantCulture, out var adopters))
            return (null, Reject(r, "NB_ADOPTR", CodeUnknown, $"NB_ADOPTR '{r.NbAdoptr}' is not 1 or 2."));
        if (r.FosterCare is not ("0" or "1"))
            return (null, Reject(r, "FOSTER_CARE", CodeUnknown, $"FOSTER_CARE '{r.FosterCare}' is not 0 or 1."));

        return (new ImportStep(r.Row, r.Child,
        [
            new(TargetService.Placements, PathOf(r, "adoption-decisions"), new AdoptionDecisionBody(decided, ids.For(r, "adoption-decision")), "adoption-decisions"),
            new(TargetService.Placements, PathOf(r, "adoption-matches"),
                new AdoptionMatchBody(matched, adopters, r.SexAdoptr, r.LsAdoptr, r.FosterCare == "1", ids.For(r, "adoption-match")), "adoption-matches"),
        ]), null);
    }

    /// <summary>Each episode is an allocation; one that ends with no successor starting that day also posts its end
    /// (a successor's allocation ends it by itself).</summary>
    private static (ImportStep?, RowRejection?) SocialWorker(SocialWorkerRecord r, HashSet<DateOnly> starts, ImportIds ids)
    {
        if (ReturnValues.Date(r.SwDecom) is not { } from)
            return (null, Reject(r, "SW_DECOM", DateFormat, $"SW_DECOM '{r.SwDecom}' is not a date (dd/mm/yyyy)."));
        var to = ReturnValues.Date(r.SwDec);
        if (r.SwDec.Length > 0 && to is null)
            return (null, Reject(r, "SW_DEC", DateFormat, $"SW_DEC '{r.SwDec}' is not a date (dd/mm/yyyy)."));

        List<ImportPost> posts = [new(TargetService.Placements, PathOf(r, "social-workers"),
            new SocialWorkerBody(from, r.SwId, r.SwReason, ids.For(r, "social-worker")), "social-workers")];
        if (to is { } end && !starts.Contains(end))
            posts.Add(new(TargetService.Placements, PathOf(r, "social-workers/end"),
                new SocialWorkerEndBody(end, EndWithoutSuccessorReason, ids.For(r, "social-worker-end")), "social-workers/end"));
        return (new ImportStep(r.Row, r.Child, posts), null);
    }
}
