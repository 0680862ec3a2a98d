using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Mapping.ImportRules;

namespace CareTracking.Import903.Mapping;

/// <summary>
/// A child's episodes, in DECOM order (file order on the same day), to Placements commands. An episode with RNE S
/// starts a period of care (entered-care); a following episode continues the period when its DECOM is the
/// previous episode's DEC and that episode ended with REC X1: RNE L is a change of legal status, P and T a move
/// (T with the same carer), B and U a move with the new legal status (U with the same carer). The move's reason is
/// REASON_PLACE_CHANGE of the episode the move ends, where the 903 records it. An episode whose REC is not X1 also
/// ends the period: ceased-care on DEC with REC, or for an S episode the entry's <c>ceased</c>, so that a period of one
/// episode is one post.
/// </summary>
public static class EpisodeMapping
{
    private static readonly HashSet<string> Continuations = ["L", "P", "T", "B", "U"];

    public static (IReadOnlyList<ImportStep> Steps, IReadOnlyList<RowRejection> Rejections) Map(
        IReadOnlyList<EpisodeRecord> episodes, ChildFacts facts, ImportIds ids)
    {
        var steps = new List<ImportStep>();
        var rejections = new List<RowRejection>();
        var dated = episodes.Select(e => (Episode: e, Decom: ReturnValues.Date(e.Decom)))
            .OrderBy(e => e.Decom ?? DateOnly.MaxValue).ThenBy(e => e.Episode.Row.Number);

        EpisodeRecord? previous = null;
        DateOnly? previousDec = null;
        RowRef? start = null;        // the row that started the period in progress (RNE S), or the orphan heading a broken chain
        var startRejected = false;

        foreach (var (episode, decom) in dated)
        {
            if (decom is not { } date)
            {
                rejections.Add(Reject(episode, "DECOM", DateFormat, $"DECOM '{episode.Decom}' is not a date (dd/mm/yyyy)."));
                continue;
            }

            var before = previous;
            var follows = before is not null && before.Rec == "X1" && previousDec == date;
            var (own, dec) = Check(episode);
            RowRejection? rejection = own;
            if (episode.Rne == "S")
            {
                start = episode.Row;
                rejection ??= facts.Header is null
                    ? facts.RejectedHeader is { } header
                        ? DependsOn(episode, "CHILD", header, "the child's header")
                        : Reject(episode, "CHILD", NoHeader, $"no row of {ReturnFile.Header} for child {episode.Child}.")
                    : null;
                startRejected = rejection is not null;
            }
            else if (Continuations.Contains(episode.Rne) && !follows)
            {
                rejection ??= Reject(episode, "RNE", ContinuationWithoutStart,
                    $"continuation episode (RNE {episode.Rne}) without the episode that starts its period: no earlier episode of the child ends on {episode.Decom} with REC X1.");
                start = episode.Row;
                startRejected = true;
            }
            else if (follows && startRejected && start is { } rejectedStart)
            {
                rejection ??= DependsOn(episode, "RNE", rejectedStart, "the episode that starts its period, or the first of a chain that has no start");
            }

            previous = episode;
            previousDec = dec;
            if (rejection is not null)
            {
                rejections.Add(rejection);
                continue;
            }
            steps.Add(new ImportStep(episode.Row, episode.Child, Posts(episode, date, dec, previous: follows ? before : null, facts, ids),
                DependsOn: episode.Rne == "S" ? null : start,
                Carries: episode.Rne == "S" ? Carried(facts, episode, date) : null));
        }
        return (steps, rejections);
    }

    /// <summary>The row's own faults: RNE, DEC and the DEC/REC pairing (903 rule 148).</summary>
    private static (RowRejection? Rejection, DateOnly? Dec) Check(EpisodeRecord e)
    {
        var dec = ReturnValues.Date(e.Dec);
        RowRejection? rejection =
            e.Rne != "S" && !Continuations.Contains(e.Rne) ? Reject(e, "RNE", CodeUnknown, $"RNE '{e.Rne}' is not S, L, P, T, B or U.")
            : e.Dec.Length > 0 && dec is null ? Reject(e, "DEC", DateFormat, $"DEC '{e.Dec}' is not a date (dd/mm/yyyy).")
            : e.Rec == "X1" && e.Dec.Length == 0 ? Reject(e, "DEC", X1WithoutDec, "REC X1 with no DEC: the episode ends and the next begins on DEC, which is missing.")
            : e.Rec.Length > 0 && e.Dec.Length == 0 ? Reject(e, "DEC", RecWithoutDec, $"REC {e.Rec} with no DEC.")
            : e.Dec.Length > 0 && e.Rec.Length == 0 ? Reject(e, "REC", DecWithoutRec, "DEC with no REC.")
            : null;
        return (rejection, dec);
    }

    private static List<RowRef> Carried(ChildFacts facts, EpisodeRecord episode, DateOnly decom) =>
        [facts.Header!.Row, .. facts.Uasc.Where(u => u.AppliesOn(decom)).Select(u => u.Row),
         .. facts.PreviousPermanence is { } perm && perm.Episode == episode.Row ? [perm.Row] : Array.Empty<RowRef>()];

    private static List<ImportPost> Posts(EpisodeRecord e, DateOnly decom, DateOnly? dec, EpisodeRecord? previous, ChildFacts facts, ImportIds ids)
    {
        var path = $"/api/children/{Uri.EscapeDataString(e.Child)}";
        var placement = new PlacementBody(e.Place, ReturnValues.Blank(e.PlaceProvider), ReturnValues.Blank(e.PlPost), ReturnValues.Blank(e.Urn));
        var posts = new List<ImportPost>
        {
            e.Rne switch
            {
                "S" => new ImportPost(TargetService.Placements, $"{path}/entered-care", new EnteredCareBody(decom, e.Ls, e.Cin, placement,
                    ReturnValues.Blank(e.HomePost), Child(facts, decom), ids.For(e, "entered-care"),
                    Ceased: dec is { } periodEnd && e.Rec != "X1" ? new PeriodEndBody(periodEnd, e.Rec) : null,
                    PreviousPermanence: facts.PreviousPermanence is { } perm && perm.Episode == e.Row ? perm.Body : null), "entered-care",
                    OnEventIdReused: HeaderChange(facts, decom, path, ids.For(e, "header"))),
                "L" => new ImportPost(TargetService.Placements, $"{path}/legal-status-changes",
                    new LegalStatusChangeBody(decom, e.Ls, ids.For(e, "legal-status-change")), "legal-status-change"),
                _ => new ImportPost(TargetService.Placements, $"{path}/placement-moves", new PlacementMoveBody(decom, placement,
                    SameCarer: e.Rne is "T" or "U", Reason: ReturnValues.Blank(previous?.ReasonPlaceChange ?? ""),
                    LegalStatus: e.Rne is "B" or "U" ? e.Ls : null, ids.For(e, "placement-move")), "placement-move"),
            },
        };
        // A period of one episode is posted whole (entered-care with ceased): one post, accepted or refused as a whole.
        if (dec is { } end && e.Rec != "X1" && e.Rne != "S")
            posts.Add(new ImportPost(TargetService.Placements, $"{path}/ceased-care", new CeasedCareBody(end, e.Rec, ids.For(e, "ceased-care")), "ceased-care"));
        return posts;
    }

    /// <summary>The header's UPN, MOTHER and MC_DOB from the entry to care, for an entry an earlier importer recorded
    /// without them (its post, under the same event id, is refused as event-id.reused); none when the header has none.
    /// Placements records nothing when they are already held, so importing the same return again appends nothing.</summary>
    private static ImportPost? HeaderChange(ChildFacts facts, DateOnly decom, string path, Guid eventId) =>
        facts.Header is { } h && (h.Upn is not null || h.Mother is not null || h.MotherChildDateOfBirth is not null)
            ? new ImportPost(TargetService.Placements, $"{path}/header", new HeaderChangeBody(decom, h.Upn, h.Mother, h.MotherChildDateOfBirth, eventId), "header")
            : null;

    private static ChildBody Child(ChildFacts facts, DateOnly decom) =>
        new(facts.Header!.Sex, facts.Header.DateOfBirth, facts.Header.Ethnicity, facts.Uasc.Any(u => u.AppliesOn(decom)),
            facts.Header.Upn, facts.Header.Mother, facts.Header.MotherChildDateOfBirth);
}
