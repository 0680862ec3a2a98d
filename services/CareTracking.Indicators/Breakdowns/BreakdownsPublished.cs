using CareTracking.Indicators.Exports;

namespace CareTracking.Indicators.Breakdowns;

/// <summary>A row of the breakdowns as it may be published: a count and its percentage, each a number or
/// <see cref="SmallNumbers.Symbol"/>. <see cref="Key"/> names it in the JSON's <c>withheld</c> list.</summary>
public sealed record PublishedBreakdownRow(string Table, string Dimension, string? Group, object? Count, object? Pct)
{
    public string Key => Group is null ? $"{Table}.{Dimension}" : $"{Table}.{Dimension}.{Group}";

    public bool Withheld => Equals(Count, SmallNumbers.Symbol);
}

/// <summary>
/// The breakdowns as they may be published, one list for the CSV, the JSON's <c>withheld</c> keys and the page: counts
/// of 1 and 2 withheld, and the secondary suppression of <see cref="SmallNumbers"/> wherever a table's groups add up to
/// a total shown elsewhere, so a withheld count cannot be worked out by subtraction:
/// <list type="bullet">
/// <item>each profile dimension, where children are placed, and each missing table (totals: children looked after,
/// incidents, children missing);</item>
/// <item>the placement-by-legal-status cross table along both its rows (each placement group's total is the placement
/// mix's numerator in the committee report) and its columns (each legal-status total is in the profile);</item>
/// <item>the IRO caseloads with the children without an IRO (together the children looked after). Pure.</item>
/// </list>
/// </summary>
public static class BreakdownsPublished
{
    public static IReadOnlyList<PublishedBreakdownRow> Rows(BreakdownsResponse r)
    {
        static object? C(int? n) => SmallNumbers.Count(n);
        var rows = new List<PublishedBreakdownRow>();
        void Groups(string table, string dimension, IReadOnlyList<GroupCount> groups)
        {
            foreach (var (g, count, pct) in SmallNumbers.Groups(groups)) rows.Add(new(table, dimension, g.Group, count, pct));
        }
        rows.Add(new("profile", "lookedAfter", null, C(r.Profile.LookedAfter), null));
        foreach (var (dimension, groups) in r.Profile.Dimensions) Groups("profile", dimension, groups);
        var cross = r.Profile.PlacementByLegalStatus;
        var crossWithheld = Secondary([.. cross.Select(p => p.Count)],
            [.. cross.Select((p, i) => (p, i)).GroupBy(x => x.p.PlacementGroup).Select(g => g.Select(x => x.i).ToArray()),
             .. cross.Select((p, i) => (p, i)).GroupBy(x => x.p.LegalStatusGroup).Select(g => g.Select(x => x.i).ToArray())]);
        for (var i = 0; i < cross.Count; i++)
            rows.Add(new("placementByLegalStatus", cross[i].PlacementGroup, cross[i].LegalStatusGroup, crossWithheld[i] ? SmallNumbers.Symbol : cross[i].Count, null));
        Groups("placedIn", "placingAuthority", r.Profile.PlacedIn);
        var m = r.Missing;
        rows.Add(new("missing", "incidents", null, C(m.Incidents), null));
        rows.Add(new("missing", "children", null, C(m.Children), null));
        Groups("missing", "byPlacement", m.ByPlacement);
        Groups("missing", "byProvider", m.ByProvider);
        Groups("missing", "childrenByIncidents", m.ChildrenByIncidents);
        rows.Add(new("missing", "incidentsOfTheMostMissingFifth", null, C(m.IncidentsOfTheMostMissingFifth), null));
        rows.Add(new("missing", "underTenHours", null, C(m.UnderTenHours), null));
        rows.Add(new("missing", "returns", null, C(m.Returns), null));
        rows.Add(new("missing", "returnsWithoutCompletedInterview", null, C(m.ReturnsWithoutCompletedInterview), null));
        rows.Add(new("missing", "returnsWithInterviewCompletedIn72Hours", null, C(m.ReturnsWithInterviewCompletedIn72Hours), null));
        Groups("missing", "byFoundArea", m.ByFoundArea);
        Groups("missing", "byRiskLevel", m.ByRiskLevel);
        Groups("missing", "byExploitation", m.ByExploitation);
        rows.Add(new("iroCaseloads", "guidance", null, r.IroCaseloads.Guidance, null));
        var iros = r.IroCaseloads.Iros;
        var iroWithheld = Secondary([.. iros.Select(i => i.Children), r.IroCaseloads.ChildrenWithoutIro], [[.. Enumerable.Range(0, iros.Count + 1)]]);
        rows.Add(new("iroCaseloads", "childrenWithoutIro", null, iroWithheld[iros.Count] ? SmallNumbers.Symbol : r.IroCaseloads.ChildrenWithoutIro, null));
        for (var i = 0; i < iros.Count; i++)
            rows.Add(new("iroCaseloads", iros[i].Team, iros[i].IroId, iroWithheld[i] ? SmallNumbers.Symbol : iros[i].Children, null));
        return rows;
    }

    /// <summary>
    /// Which cells to withhold: those of 1 or 2, then, in each line of cells that adds up to a total shown (a row or a
    /// column of a cross table), a lone withheld cell takes the line's smallest other non-zero cell with it, repeated
    /// until no line has a lone withheld cell that could be worked out (a cell withheld for one line can leave another
    /// line with one alone).
    /// </summary>
    public static bool[] Secondary(IReadOnlyList<int> counts, IReadOnlyList<int[]> lines)
    {
        var withheld = counts.Select(c => SmallNumbers.Identifying(c)).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var line in lines)
            {
                if (line.Count(i => withheld[i]) != 1) continue;
                var next = line.Where(i => !withheld[i] && counts[i] > 0).OrderBy(i => counts[i]).ThenBy(i => i).FirstOrDefault(-1);
                if (next < 0) continue;
                withheld[next] = true;
                changed = true;
            }
        }
        return withheld;
    }
}
