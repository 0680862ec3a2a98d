using CareTracking.Import903.ReturnFiles;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;
using static CareTracking.Import903.Mapping.ImportRules;

namespace CareTracking.Import903.Mapping;

/// <summary>
/// The whole return to an <see cref="ImportPlan"/>: every row becomes a step, a carried row or a rejection, never
/// nothing. Pure: the authority names the event ids, <paramref name="today"/> decides whether a UASC status has
/// already ceased.
/// </summary>
public static class ImportMapping
{
    /// <summary>903 records no police risk level; imported reports are graded medium (see docs/import-903.md).</summary>
    public const string ImportedRiskLevel = "medium";

    /// <param name="collectionYear">The year (ending 31 March) the return is for, which dates the OC2 and OC3 facts;
    /// by default the one holding the return's latest episode, review or missing date.</param>
    public static ImportPlan Map(ReturnRecords records, string authority, DateOnly today, int? collectionYear = null)
    {
        var ids = new ImportIds(authority);
        var year = collectionYear is { } y ? new CollectionYear(y - 1) : OutcomeMapping.YearOf(records);
        var rejections = new List<RowRejection>();
        var usable = Usable(records.All, rejections).ToLookup(r => r.Child);

        var children = new List<ChildPlan>();
        var carried = new List<CarriedRow>();
        foreach (var child in usable.Select(g => g.Key))
        {
            var rows = usable[child].ToList();
            var facts = Facts(child, rows.OfType<HeaderRecord>().ToList(), rows.OfType<UascRecord>().ToList(), rejections) with
            {
                PreviousPermanence = PrevPermMapping.Map([.. rows.OfType<PrevPermRecord>()], [.. rows.OfType<EpisodeRecord>()], year, rejections),
            };
            var (episodeSteps, episodeRejections) = EpisodeMapping.Map(rows.OfType<EpisodeRecord>().ToList(), facts, ids);
            rejections.AddRange(episodeRejections);

            var placements = episodeSteps.ToList();
            // After the care history: the decisions, matches and social workers are judged against it.
            foreach (var mapped in PermanenceMapping.Map(rows, ids))
                Add(placements, rejections, mapped);
            var later = new List<ImportStep>();
            foreach (var uasc in rows.OfType<UascRecord>())
            {
                var fact = facts.Uasc.FirstOrDefault(u => u.Row == uasc.Row);
                if (fact is null) continue; // rejected in Facts
                if (fact.Ceased is { } ceased && ceased <= today)
                    placements.Add(new ImportStep(uasc.Row, child, [new ImportPost(TargetService.Placements,
                        $"/api/children/{Uri.EscapeDataString(child)}/uasc-status", new UascStatusBody(ceased, false, ids.For(uasc, "uasc-status")), "uasc-status")]));
                else
                    carried.Add(new CarriedRow(uasc.Row, child, Reject(uasc, "CHILD", NothingAccepted,
                        "no entry to care of the child before DUC was accepted, so the UASC status was not recorded.")));
            }
            if (facts.Header is { } header)
                carried.Add(new CarriedRow(header.Row, child, new RowRejection(header.Row, child, "CHILD", NothingAccepted,
                    rows.OfType<EpisodeRecord>().Any()
                        ? "no entry to care of the child (an episode with RNE S) was accepted, so the header's facts were not recorded."
                        : $"the child has no rows in {ReturnFile.Episodes}, so the header's facts were not recorded.")));

            if (facts.PreviousPermanence is { } perm)
                carried.Add(new CarriedRow(perm.Row, child, new RowRejection(perm.Row, child, "CHILD", NothingAccepted,
                    $"the entry to care it belongs to ({perm.Episode}) was not accepted, so the previous permanence was not recorded.")));

            foreach (var review in rows.OfType<ReviewRecord>())
                Add(later, rejections, Review(review, ids));
            foreach (var missing in rows.OfType<MissingRecord>())
                Add(later, rejections, Missing(missing, ids));
            foreach (var oc2 in rows.OfType<Oc2Record>())
                Add(later, rejections, OutcomeMapping.Oc2(oc2, year, ids, rows.OfType<HeaderRecord>().FirstOrDefault()?.Dob));
            foreach (var oc3 in rows.OfType<Oc3Record>())
                Add(later, rejections, OutcomeMapping.Oc3(oc3, year, rows.OfType<HeaderRecord>().FirstOrDefault()?.Dob, ids));
            if (placements.Count + later.Count > 0) children.Add(new ChildPlan(child, placements, later));
        }
        return new ImportPlan(children, carried, rejections, records.RowsPerFile);
    }

    /// <summary>Rows with a child id that are not an exact repeat of an earlier row of their file (a repeat would
    /// carry the same event ids and be taken as a retry, so it is reported instead).</summary>
    private static IEnumerable<IReturnRecord> Usable(IEnumerable<IReturnRecord> all, List<RowRejection> rejections)
    {
        var seen = new Dictionary<(string, string), RowRef>();
        foreach (var record in all)
        {
            if (record.Child.Length == 0)
                rejections.Add(Reject(record, "CHILD", ChildRequired, "CHILD is blank."));
            else if (seen.TryGetValue((record.Row.File, record.Content), out var first))
                rejections.Add(Reject(record, "CHILD", DuplicateRow, $"the same as {first}."));
            else
            {
                seen[(record.Row.File, record.Content)] = record.Row;
                yield return record;
            }
        }
    }

    private static ChildFacts Facts(string child, List<HeaderRecord> headers, List<UascRecord> uascRows, List<RowRejection> rejections)
    {
        HeaderFacts? header = null;
        RowRef? rejected = null;
        foreach (var (h, i) in headers.Select((h, i) => (h, i)))
        {
            var sex = ReturnValues.Sex(h.Sex);
            var dob = ReturnValues.Date(h.Dob);
            var mcDob = ReturnValues.Date(h.McDob);
            RowRejection? rejection =
                i > 0 ? Reject(h, "CHILD", DuplicateHeader, $"child {child} already has a header at {headers[0].Row}.")
                : sex is null ? Reject(h, "SEX", CodeUnknown, $"SEX '{h.Sex}' is not 1, 2, M, F or U.")
                : dob is null ? Reject(h, "DOB", DateFormat, $"DOB '{h.Dob}' is not a date (dd/mm/yyyy).")
                : ReturnValues.Flag(h.Mother) is null && h.Mother.Length > 0 ? Reject(h, "MOTHER", CodeUnknown, $"MOTHER '{h.Mother}' is not 0, 1 or blank.")
                : h.McDob.Length > 0 && mcDob is null ? Reject(h, "MC_DOB", DateFormat, $"MC_DOB '{h.McDob}' is not a date (dd/mm/yyyy).")
                : null;
            if (rejection is not null)
            {
                rejections.Add(rejection);
                if (i == 0) rejected = h.Row;
                continue;
            }
            header = new HeaderFacts(h.Row, sex!, dob!.Value, h.Ethnic, ReturnValues.Blank(h.Upn),
                ReturnValues.Flag(h.Mother), mcDob);
        }

        var uasc = new List<UascFacts>();
        foreach (var u in uascRows)
        {
            var ceased = ReturnValues.Date(u.Duc);
            if (u.Duc.Length > 0 && ceased is null)
                rejections.Add(Reject(u, "DUC", DateFormat, $"DUC '{u.Duc}' is not a date (dd/mm/yyyy)."));
            else
                uasc.Add(new UascFacts(u.Row, ceased));
        }
        return new ChildFacts(child, header, rejected, uasc);
    }

    private static (ImportStep?, RowRejection?) Review(ReviewRecord r, ImportIds ids) =>
        ReturnValues.Date(r.Review) is { } date
            ? (new ImportStep(r.Row, r.Child, [new ImportPost(TargetService.Reviews, $"/api/children/{Uri.EscapeDataString(r.Child)}/reviews",
                new ReviewBody(date, r.ReviewCode, ids.For(r, "review")), "review")]), null)
            : (null, Reject(r, "REVIEW", DateFormat, $"REVIEW '{r.Review}' is not a date (dd/mm/yyyy)."));

    /// <summary>903 missing rows carry dates only: last seen at the start of MIS_START's day in England, reported
    /// then too. With MIS_END the episode is history: one report recorded after the return (returnedAt the start of
    /// MIS_END's day), which the police are not alerted of; without it the child may still be missing, so it is a
    /// plain report and the police hear of it.</summary>
    private static (ImportStep?, RowRejection?) Missing(MissingRecord m, ImportIds ids)
    {
        if (ReturnValues.Date(m.MisStart) is not { } start)
            return (null, Reject(m, "MIS_START", DateFormat, $"MIS_START '{m.MisStart}' is not a date (dd/mm/yyyy)."));
        var end = ReturnValues.Date(m.MisEnd);
        if (m.MisEnd.Length > 0 && end is null)
            return (null, Reject(m, "MIS_END", DateFormat, $"MIS_END '{m.MisEnd}' is not a date (dd/mm/yyyy)."));

        var lastSeen = UkLocalDate.StartOf(start);
        var returnedAt = end is { } returned ? UkLocalDate.StartOf(returned) : (DateTimeOffset?)null;
        var report = new MissingReportBody(m.Child, m.Missing, lastSeen, lastSeen, ImportedRiskLevel,
            new ExploitationRiskBody(false, false), ids.For(m, "episode"), null, null, ids.For(m, "report"), returnedAt);
        return (new ImportStep(m.Row, m.Child, [new ImportPost(TargetService.Missing, "/api/missing-episodes", report, "missing-report")]), null);
    }

    private static void Add(List<ImportStep> steps, List<RowRejection> rejections, (ImportStep? Step, RowRejection? Rejection) mapped)
    {
        if (mapped.Step is not null) steps.Add(mapped.Step);
        else rejections.Add(mapped.Rejection!);
    }
}
