using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Returns.Checks;

// Rules that compare the year's return with last year's (the validator's `_last` tables): a child still in care on
// last year's 31 March carries that episode into this year, so this year's first episode must say what last year's
// open one said (503A-F), a missing period open then must start this year's missing rows (576), and a child's UASC
// status must run on from last year's (205A, B, D). Both returns
// come from the same events; what can differ is what was known. Last year's return is the one the DfE holds, built
// as known when it was exported (`lastYearKnownAt`), and facts corrected since then make these rules fire. From the
// rules' logic in the DfE's validator (lac_validator/rules), in our own words.
public static partial class ReturnChecks
{
    /// <summary>The Episodes cells that must carry over, with each rule and its message.</summary>
    private static readonly (int Cell, string Rule, string Message)[] CarriedOver =
    [
        (2, "503A", "The reason for new episode in the first episode does not match open episode at end of last year."),
        (3, "503B", "The legal status in the first episode does not match open episode at end of last year."),
        (4, "503C", "The category of need in the first episode does not match open episode at end of last year."),
        (5, "503D", "The placement type in the first episode does not match open episode at end of last year."),
        (6, "503E", "The placement provider in the first episode does not match open episode at end of last year."),
        (12, "503F", "The Ofsted URN in the first episode does not match open episode at end of last year."),
    ];

    /// <summary>The rules this check runs only when given last year's return.</summary>
    public static IReadOnlyList<string> LastYearRules { get; } = [.. CarriedOver.Select(c => c.Rule), "503G", "503H", "576", "205A", "205B", "205D"];

    public static IReadOnlyList<ReturnIssue> AgainstLastYear(Return903 ret, Return903 last)
    {
        if (last.Year.EndYear != ret.Year.EndYear - 1)
            throw new ArgumentException($"Last year's return must be for {ret.Year.EndYear - 1}, not {last.Year.EndYear}.", nameof(last));
        var issues = new List<ReturnIssue>();

        // Each child's latest episode of last year (by DECOM), when it was still open on last year's 31 March.
        var openLastYear = Rows(last, "Episodes").GroupBy(e => e.Row.Child, StringComparer.Ordinal)
            .Select(g => g.MaxBy(e => Date(e.Row.Cells[1])).Row)
            .Where(r => r.Cells[7].Length == 0)
            .ToDictionary(r => r.Child, StringComparer.Ordinal);
        var (episodesNow, episodesThen) = (new EpisodesOf(ret), new EpisodesOf(last));
        foreach (var child in Rows(ret, "Episodes").GroupBy(e => e.Row.Child, StringComparer.Ordinal))
        {
            var (first, n) = child.MinBy(e => Date(e.Row.Cells[1]));
            if (!openLastYear.TryGetValue(child.Key, out var open)) continue;
            foreach (var (cell, rule, message) in CarriedOver)
                if (first.Cells[cell] != open.Cells[cell])
                    issues.Add(new(rule, "Episodes", child.Key, n, message));
            PlacementLocationCarriesOver(episodesNow.Of(first), episodesThen.Of(open), child.Key, n, issues);
        }

        // 576: a missing period open at the end of last year, and this year's first missing row for the child (one
        // without a start counts as last) starts on another day.
        var openMissing = Rows(last, "Missing").Where(m => m.Row.Cells[4].Length == 0)
            .ToLookup(m => m.Row.Child, m => m.Row.Cells[3], StringComparer.Ordinal);
        foreach (var child in Rows(ret, "Missing").GroupBy(m => m.Row.Child, StringComparer.Ordinal))
        {
            var (first, n) = child.MinBy(m => Date(m.Row.Cells[3]) ?? DateOnly.MaxValue);
            if (openMissing[child.Key].Any(start => start != first.Cells[3]))
                issues.Add(new("576", "Missing", child.Key, n,
                    "There is an open missing/away from placement without authorisation period in last year's return and there is no corresponding period recorded at the start of this year."));
        }
        UascRunsOn(ret, last, issues);
        return [.. issues.OrderBy(i => ReturnTables.All.ToList().FindIndex(t => t.Name == i.Table)).ThenBy(i => i.Row).ThenBy(i => i.Rule, StringComparer.Ordinal)];
    }

    /// <summary>
    /// 205A, 205B and 205D. A child is UASC in a year when the year's UASC table has a row for them; its DUC is the
    /// day the status ceased, empty while it still applied on 31 March. The status runs on: a child UASC on last
    /// year's 31 March (DUC empty or later) is still UASC this year, one whose status ceased last year is not again,
    /// and a child in care last year without the status does not gain it this year. 205C (a DUC for a child never
    /// UASC) cannot arise here: the table's rows and their DUC come from the same UASC spells.
    /// </summary>
    private static void UascRunsOn(Return903 ret, Return903 last, List<ReturnIssue> issues)
    {
        var uascLastYear = Rows(last, "UASC").ToDictionary(u => u.Row.Child, u => Date(u.Row.Cells[3]), StringComparer.Ordinal);
        var inLastYear = Rows(last, "Header").Select(h => h.Row.Child).ToHashSet(StringComparer.Ordinal);
        var uascThisYear = Rows(ret, "UASC").ToDictionary(u => u.Row.Child, StringComparer.Ordinal);
        // Our UASC table gives a DUC only when the status ceased within its year (UascTable), so a DUC in last
        // year's row means it ceased last year, and an empty one that it still applied on last year's 31 March.
        var ceasedLastYear = (DateOnly? duc) => duc is not null;

        foreach (var (header, n) in Rows(ret, "Header"))
        {
            var wasUasc = uascLastYear.TryGetValue(header.Child, out var ducLast);
            var isUasc = uascThisYear.TryGetValue(header.Child, out var now);
            if (wasUasc && !isUasc && !ceasedLastYear(ducLast))
                issues.Add(new("205A", "Header", header.Child, n,
                    "Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both years does not support this."));
            else if (wasUasc && isUasc && ceasedLastYear(ducLast))
                issues.Add(new("205B", "UASC", header.Child, now.Number,
                    "Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this."));
            else if (!wasUasc && isUasc && inLastYear.Contains(header.Child))
                issues.Add(new("205D", "UASC", header.Child, now.Number,
                    "Child identified as UASC this year but not identified as UASC status provided for the child last year."));
        }
    }

    /// <summary>503G and 503H: PL_DISTANCE and PL_LA are not columns of the return (the DfE's validator derives them
    /// from the postcodes), so they are compared on the episodes the rows were drawn from. A distance differs by 0.2
    /// miles or more, as the validator compares it; one side unrecorded compares as no difference.</summary>
    private static void PlacementLocationCarriesOver(EpisodeRow? first, EpisodeRow? open, string child, int n, List<ReturnIssue> issues)
    {
        if (first is null || open is null) return;
        if (first.PlDistance is { } now && open.PlDistance is { } then && Math.Abs(now - then) >= 0.2m)
            issues.Add(new("503G", "Episodes", child, n, "The distance in first episode does not match open episode at end of last year."));
        if ((first.PlLa ?? "") != (open.PlLa ?? ""))
            issues.Add(new("503H", "Episodes", child, n, "The placement LA in first episode does not match open episode at end of last year."));
    }

    /// <summary>The episode an Episodes row was drawn from: the child's episode of the year with that DECOM.</summary>
    private sealed class EpisodesOf(Return903 ret)
    {
        private readonly Dictionary<string, IReadOnlyList<EpisodeRow>> byChild =
            ret.Cohort.Children.ToDictionary(c => c.ChildId, c => c.Episodes, StringComparer.Ordinal);

        public EpisodeRow? Of(ReturnRow row) =>
            byChild.GetValueOrDefault(row.Child)?.FirstOrDefault(e => ReturnYear.Date(e.Decom) == row.Cells[1]);
    }
}
