using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Returns.Checks;

/// <summary>
/// The DfE's 903 validation rules the suite can evaluate on its own export, each written here from the rule's
/// logic in the DfE's validator (data-to-insight/csc-validator-be-903, lac_validator/rules): those that can fire
/// on facts the services accepted, because no service refuses them at the time (time limits that run out later,
/// ages reached later, a code whose year changed). Pure: the same return gives the same issues, in table and row
/// order. docs/return-903.md lists the rules and why the others are not here.
/// </summary>
public static partial class ReturnChecks
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:[A-HJ-NP-RT-Z](?:\d{12}|\d{11}[A-Z])|UN[1-5])$")]
    private static partial System.Text.RegularExpressions.Regex UpnShape();

    public static IReadOnlyList<ReturnIssue> Run(Return903 ret)
    {
        var issues = new List<ReturnIssue>();
        var header = Rows(ret, "Header");
        var episodes = Rows(ret, "Episodes");
        var missing = Rows(ret, "Missing");
        var dobs = header.ToDictionary(h => h.Row.Child, h => Date(h.Row.Cells[2]), StringComparer.Ordinal);

        // 101: SEX must be 1 or 2 up to 2023/24, M, F or U from 2024/25.
        var sexCodes = ret.Year.SexAsLetters ? new[] { "M", "F", "U" } : ["1", "2"];
        foreach (var (row, n) in header.Where(h => !sexCodes.Contains(h.Row.Cells[1])))
            issues.Add(new("101", "Header", row.Child, n, $"Gender code is not valid: '{row.Cells[1]}' is not one of {string.Join(", ", sexCodes)} in {ret.Year.Collection}."));

        // 168: a UPN is a letter other than I, O or S then 12 digits (or 11 and a letter); UN1-UN5 when it is not known.
        foreach (var (row, n) in header.Where(h => h.Row.Cells[4].Length > 0 && !UpnShape().IsMatch(h.Row.Cells[4])))
            issues.Add(new("168", "Header", row.Child, n, "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5."));

        // 442, 393: a child with an episode under a legal status other than the short breaks V3/V4 needs a UPN (or its
        // UN1-UN5 reason), and a girl among them MOTHER.
        var lookedAfter = episodes.Where(e => e.Row.Cells[3] is not ("V3" or "V4")).Select(e => e.Row.Child).ToHashSet(StringComparer.Ordinal);
        var girl = ret.Year.SexAsLetters ? "F" : "2";
        var girlsWithoutMother = header.Where(h => h.Row.Cells[1] == girl && h.Row.Cells[5].Length == 0).Select(h => h.Row.Child).ToHashSet(StringComparer.Ordinal);
        foreach (var (row, n) in header.Where(h => lookedAfter.Contains(h.Row.Child)))
        {
            if (row.Cells[4].Length == 0)
                issues.Add(new("442", "Header", row.Child, n, "Unique Pupil Number (UPN) field is not completed."));
            if (girlsWithoutMother.Contains(row.Child))
                issues.Add(new("393", "Header", row.Child, n, "Child is looked after but mother field is not completed."));
        }

        // 607: a girl ceased to be looked after in the year (DEC with a REC other than X1, not a short break) and MOTHER is
        // not completed. Every DEC of the export falls in the year.
        foreach (var (row, n) in episodes.Where(e => e.Row.Cells[7].Length > 0 && e.Row.Cells[8] is { Length: > 0 } rec && rec != "X1"
                     && e.Row.Cells[3] is not ("V3" or "V4") && girlsWithoutMother.Contains(e.Row.Child)))
            issues.Add(new("607", "Episodes", row.Child, n, "Child ceased to be looked after in the year, but mother field has not been completed."));

        // 352: a child who started to be looked after (RNE S) was 18 or over on DECOM.
        foreach (var (row, n) in episodes.Where(e => e.Row.Cells[2] == "S"))
            if (dobs.GetValueOrDefault(row.Child) is { } dob && Date(row.Cells[1]) is { } decom && decom >= Age.Birthday(dob, 18))
                issues.Add(new("352", "Episodes", row.Child, n, "Child who started to be looked after was aged 18 or over."));

        // 361, 362, 363: a run of episodes under one short-term legal status (each starting the day the last ended;
        // an open one counted to 31 March) lasted longer than the Children Act allows.
        LegalStatusLimit(issues, episodes, ret.Year, "L1", 3, "361", "Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.");
        LegalStatusLimit(issues, episodes, ret.Year, "L2", 21, "362", "Emergency protection order (EPO) lasted longer than 21 days.");
        LegalStatusLimit(issues, episodes, ret.Year, "L3", 7, "363", "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.");

        // 375, 376, 379: a temporary placement (T1 hospital, T3 carer's holiday, T4 other) that ended more than its
        // limit after it began (DEC - DECOM in days; an episode still open at 31 March is not judged yet).
        foreach (var (place, days, rule, message) in TemporaryLimits)
            foreach (var (row, n) in episodes.Where(e => e.Row.Cells[5] == place))
                if (Date(row.Cells[1]) is { } decom && Date(row.Cells[7]) is { } dec && dec.DayNumber - decom.DayNumber > days)
                    issues.Add(new(rule, "Episodes", row.Child, n, message));

        // 377: more than two T3 placements (temporary, while the usual foster carers are on holiday) in the year: each is
        // reported.
        foreach (var child in episodes.Where(e => e.Row.Cells[5] == "T3").GroupBy(e => e.Row.Child).Where(g => g.Count() > 2))
            foreach (var (row, n) in child)
                issues.Add(new("377", "Episodes", row.Child, n, "Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12-month period."));

        // 399: a child looked after only under the short breaks V3/V4 has reviews (statutory reviews are not held for them).
        var reviews = Rows(ret, "Reviews");
        var shortBreaksOnly = episodes.GroupBy(e => e.Row.Child).Where(g => g.All(e => e.Row.Cells[3] is "V3" or "V4")).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (row, n) in reviews.Where(r => shortBreaksOnly.Contains(r.Row.Child)))
            issues.Add(new("399", "Reviews", row.Child, n, "Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4."));

        // 580: a missing episode ended on the child's 18th birthday, the day an episode ended, and that episode's
        // REC is not E8 (a child still missing at 18 leaves care with E8).
        var missingEnds = missing.Where(m => Date(m.Row.Cells[4]) is { } end && Date(m.Row.Cells[1]) is { } dob && end == Age.Birthday(dob, 18))
            .Select(m => (m.Row.Child, End: Date(m.Row.Cells[4]))).ToHashSet();
        foreach (var (row, n) in episodes)
            if (Date(row.Cells[7]) is { } dec && missingEnds.Contains((row.Child, dec)) && row.Cells[8] != "E8")
                issues.Add(new("580", "Episodes", row.Child, n, "Child is missing when cease being looked after but reason episode ceased not 'E8'."));

        // 630: a child who started to be looked after in the year (RNE S, DECOM from 1 April) needs a PrevPerm row, with
        // PREV_PERM, and with LA_PERM and DATE_PERM unless PREV_PERM is Z1 (the validator asks them of P4 too).
        var prevPerm = Rows(ret, "PrevPerm").ToDictionary(p => p.Row.Child, p => p.Row.Cells, StringComparer.Ordinal);
        foreach (var (row, n) in episodes.Where(e => e.Row.Cells[2] == "S" && Date(e.Row.Cells[1]) >= ret.Year.Start))
            if (!prevPerm.TryGetValue(row.Child, out var perm) || perm[2].Length == 0 || (perm[2] != "Z1" && (perm[3].Length == 0 || perm[4].Length == 0)))
                issues.Add(new("630", "Episodes", row.Child, n, "Information on previous permanence option should be returned."));

        Further(ret, issues, episodes, dobs);

        return [.. issues.OrderBy(i => ReturnTables.All.ToList().FindIndex(t => t.Name == i.Table)).ThenBy(i => i.Row).ThenBy(i => i.Rule, StringComparer.Ordinal)];
    }

    private static readonly (string Place, int Days, string Rule, string Message)[] TemporaryLimits =
    [
        ("T1", 42, "375", "Hospitalisation coded as a temporary placement exceeds six weeks."),
        ("T3", 21, "376", "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks."),
        ("T4", 7, "379", "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days."),
    ];

    private static void LegalStatusLimit(List<ReturnIssue> issues, List<(ReturnRow Row, int Number)> episodes, ReturnYear year,
        string status, int days, string rule, string message)
    {
        foreach (var child in episodes.GroupBy(e => e.Row.Child))
        {
            var run = new List<int>();
            DateOnly? runStart = null, runEnd = null;
            foreach (var (row, n) in child.OrderBy(e => Date(e.Row.Cells[1])))
            {
                var decom = Date(row.Cells[1])!.Value;
                var dec = Date(row.Cells[7]) ?? year.End;
                if (row.Cells[3] == status && run.Count > 0 && runEnd == decom) { run.Add(n); runEnd = dec; continue; }
                Flush();
                if (row.Cells[3] == status) { run.Add(n); runStart = decom; runEnd = dec; }
            }
            Flush();

            void Flush()
            {
                if (run.Count > 0 && runEnd!.Value.DayNumber - runStart!.Value.DayNumber > days)
                    issues.AddRange(run.Select(n => new ReturnIssue(rule, "Episodes", child.Key, n, message)));
                run.Clear();
            }
        }
    }

    private static List<(ReturnRow Row, int Number)> Rows(Return903 ret, string table) =>
        [.. ret.Table(table).Rows.Select((r, i) => (r, i + 1))];

    private static DateOnly? Date(string cell) =>
        DateOnly.TryParseExact(cell, "dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
