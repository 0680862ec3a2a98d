using CareTracking.Indicators.Committee;

namespace CareTracking.Indicators.Breakdowns;

/// <summary>One IRO's children looked after at D, against the guidance figure.</summary>
public sealed record IroCaseload(string IroId, string Team, int Children, bool OverGuidance);

public sealed record IroCaseloadReport(DateOnly AsAt, int Guidance, int ChildrenWithoutIro, IReadOnlyList<IroCaseload> Iros);

/// <summary>
/// Children per IRO at D: each child looked after at D (as <c>cla</c>) counted once, with the IRO of the latest
/// allocation on or before D. The guidance figure is configuration (<c>Indicators:IroCaseloadGuidance</c>); the IRO
/// Handbook (2010) puts a caseload at 50 to 70 children, so 70 unless set. Pure.
/// </summary>
public static class IroCaseloads
{
    public const int DefaultGuidance = 70;

    public static IroCaseloadReport At(IReadOnlyList<ChildRecord> children, DateOnly asAt, int guidance)
    {
        var allocated = new List<(string Iro, string Team)>();
        var without = 0;
        foreach (var c in children)
        {
            if (ChildProfile.EpisodeOn(c.History, asAt) is null) continue;
            var iro = c.Iros.Where(i => i.Date <= asAt).LastOrDefault();
            if (iro is null) without++;
            else allocated.Add((iro.IroId, iro.Team));
        }

        return new IroCaseloadReport(asAt, guidance, without,
            [.. allocated.GroupBy(a => a.Iro)
                .Select(g => new IroCaseload(g.Key, g.Last().Team, g.Count(), g.Count() > guidance))
                .OrderByDescending(i => i.Children).ThenBy(i => i.IroId, StringComparer.Ordinal)]);
    }
}
