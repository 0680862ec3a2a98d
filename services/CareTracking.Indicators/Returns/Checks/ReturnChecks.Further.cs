using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Returns.Checks;

// Rules checked on the whole return that no service can refuse when a fact is recorded: issue 12's adoption and
// social-worker rules (601, SW01, SW12, SW17: a check of the year, not of one fact; docs/placements.md says why they
// are not 422s), and three that accepted facts can still break: 387 for E5 (Placements refuses E6 only), 345 and 3001
// (Leaving care takes a contact before it may know the date of birth). Each from the rule's logic in the DfE's
// validator (lac_validator/rules), written here in our own words.
public static partial class ReturnChecks
{
    private static readonly string[] Ad1Cells = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"];

    private static void Further(Return903 ret, List<ReturnIssue> issues, List<(ReturnRow Row, int Number)> episodes, Dictionary<string, DateOnly?> dobs)
    {
        // 601: a child adopted in the year (an episode ending E11/E12; every DEC of the export is in the year) whose AD1
        // row lacks one of its six cells: both rows are reported.
        var ad1 = Rows(ret, "AD1").ToDictionary(a => a.Row.Child, StringComparer.Ordinal);
        foreach (var (row, n) in episodes.Where(e => e.Row.Cells[7].Length > 0 && e.Row.Cells[8] is "E11" or "E12"))
            if (ad1.TryGetValue(row.Child, out var a) && a.Row.Cells.Skip(2).Take(Ad1Cells.Length).Any(c => c.Length == 0))
            {
                issues.Add(new("601", "Episodes", row.Child, n, "The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year."));
                issues.Add(new("601", "AD1", row.Child, a.Number, "The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year."));
            }

        // 387: care ended by a move to independent living (E5, E6) before the 14th birthday.
        foreach (var (row, n) in episodes.Where(e => e.Row.Cells[8] is "E5" or "E6"))
            if (dobs.GetValueOrDefault(row.Child) is { } dob && Date(row.Cells[7]) is { } dec && dec < Age.Birthday(dob, 14))
                issues.Add(new("387", "Episodes", row.Child, n, "Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14."));

        // 345: in touch (YES) but activity or accommodation 0 (not known). 3001: with former foster carers (Z1, Z2) on the
        // OC3 row of a 17th birthday in the year.
        foreach (var (row, n) in Rows(ret, "OC3"))
        {
            if (row.Cells[2] == "YES" && (row.Cells[3] == "0" || row.Cells[4] == "0"))
                issues.Add(new("345", "OC3", row.Child, n, "The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero."));
            if (row.Cells[4] is "Z1" or "Z2" && Date(row.Cells[1]) is { } dob && ret.Year.Overlaps(Age.Birthday(dob, 17), Age.Birthday(dob, 17)))
                issues.Add(new("3001", "OC3", row.Child, n, "Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s)."));
        }

        if (!ret.Tables.Any(t => t.Table.Name == "SWEpisodes")) return;
        // From 2023/24, a child looked after on 31 March (an episode still open then, not a short break V3/V4) needs
        // social worker episodes: at least one (SW01), covering every day of the year when the child was looked after
        // throughout it (SW12: read as the OC2 cohort, looked after continuously for 12 months), and one still open on
        // 31 March (SW17). The validator's SW17 asks an open episode of every child with social worker episodes; the
        // 903 guide asks it of children looked after on 31 March (docs/ssda903.md), which is what is checked here.
        var sw = Rows(ret, "SWEpisodes").GroupBy(s => s.Row.Child, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(s => Date(s.Row.Cells[3])).ToList(), StringComparer.Ordinal);
        var throughout = ret.Table("OC2").Rows.Select(r => r.Child).ToHashSet(StringComparer.Ordinal);
        foreach (var (row, n) in episodes.Where(e => e.Row.Cells[7].Length == 0 && e.Row.Cells[3] is not ("V3" or "V4")))
        {
            if (!sw.TryGetValue(row.Child, out var workers) || workers.Any(w => w.Row.Cells[2].Length == 0 || w.Row.Cells[3].Length == 0 || w.Row.Cells[5].Length == 0))
            {
                issues.Add(new("SW01", "Episodes", row.Child, n, "Child looked after on 31 March, but no social worker episode information is reported."));
                continue;
            }
            var last = workers[^1];
            if (last.Row.Cells[4].Length > 0)
                issues.Add(new("SW17", "SWEpisodes", row.Child, last.Number, "There is no social worker episode open at 31 March."));
            if (!throughout.Contains(row.Child)) continue;
            // Covered from 1 April: each episode starts by the day the ones before it reach to (SW_DEC, or 31 March).
            var coveredTo = ret.Year.Start;
            foreach (var (worker, w) in workers)
            {
                if (Date(worker.Cells[3]) is { } from && from > coveredTo)
                {
                    issues.Add(new("SW12", "SWEpisodes", row.Child, w, "If a child is looked after on 31 March then all social worker episodes for the full previous year should be reported, even those whilst they were not looked after."));
                    break;
                }
                var to = Date(worker.Cells[4]) ?? ret.Year.End;
                if (to > coveredTo) coveredTo = to;
            }
        }
    }
}
