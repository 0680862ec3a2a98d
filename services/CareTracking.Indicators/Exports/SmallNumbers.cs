using CareTracking.Indicators.Breakdowns;
using CareTracking.Indicators.Measures;

namespace CareTracking.Indicators.Exports;

/// <summary>
/// Small-number suppression for what leaves the service as a file (the CSV downloads and the report pack; the committee
/// JSON names the same keys in <c>withheld</c>, and the dashboard can show them as c), the way the
/// DfE's children-looked-after releases protect confidentiality (GSS symbols): a count that could identify a child is
/// replaced by <c>c</c>, so is every figure derived from it (its percentage, rate or average), and a true zero stays 0.
/// Where a table's groups add up to a total that is shown, one suppressed group could be worked out by subtraction, so
/// the next smallest group is suppressed as well (the DfE's "secondary suppression"). Which counts could identify a
/// child is the product's rule: 1 and 2 (docs/indicators-service.md, "Small numbers"). Pure.
/// </summary>
public static class SmallNumbers
{
    /// <summary>The GSS symbol the DfE prints for a figure withheld to protect confidentiality.</summary>
    public const string Symbol = "c";

    /// <summary>The largest count that is withheld.</summary>
    public const int Largest = 2;

    public static bool Identifying(int? count) => count is >= 1 and <= Largest;

    /// <summary>The count as it may be published.</summary>
    public static object? Count(int? count) => Identifying(count) ? Symbol : count;

    /// <summary>
    /// A measure as it may be published: withheld whole when its numerator or its denominator is 1 or 2 (a percentage
    /// or average of one or two children describes those children; a count's numerator is the count).
    /// </summary>
    public static (object? Value, object? Numerator, object? Denominator) Of(Measure m) =>
        Withheld(m) ? (Symbol, Symbol, m.Denominator is null ? null : Symbol) : (m.Value, m.Numerator, m.Denominator);

    public static bool Withheld(Measure m) => Identifying(m.Numerator) || Identifying(m.Denominator);

    /// <summary>Figures with no numerator of their own that are worked out from another figure, which gives them away:
    /// the longest wait is one waiting child's own wait when one or two wait.</summary>
    private static readonly Dictionary<string, string> BuiltOn = new(StringComparer.Ordinal)
    {
        ["adoptionDecisionNotPlacedLongestDays"] = "adoptionDecisionNotPlaced",
    };

    /// <summary>
    /// The keys of a report whose figures are published as <see cref="Symbol"/>: every measure withheld itself, and
    /// every figure built on one (an average's "…VsThreshold" gap, which with the threshold gives the average back;
    /// the longest wait), so the one cannot be worked out from the other, and the secondary suppression of a family of
    /// shares. In report order.
    /// </summary>
    public static IReadOnlyList<string> WithheldKeys(IReadOnlyDictionary<string, Measure> measures)
    {
        var withheld = measures.Where(m => Withheld(m.Value) || BaseOf(m.Key) is { } b && measures.TryGetValue(b, out var base_) && Withheld(base_))
            .Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        // Secondary suppression in a family of shares of one whole ("placementMix.*", "fosteringByProvider.*", …): one
        // group withheld alone could be worked out from the others, so the smallest other non-zero group goes with it.
        foreach (var family in measures.Where(m => m.Key.Contains('.', StringComparison.Ordinal) && m.Value.Numerator is not null)
                     .GroupBy(m => m.Key[..m.Key.IndexOf('.', StringComparison.Ordinal)]))
        {
            if (family.Count(m => withheld.Contains(m.Key)) != 1) continue;
            var next = family.Where(m => !withheld.Contains(m.Key) && m.Value.Numerator > 0)
                .OrderBy(m => m.Value.Numerator).ThenBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key).FirstOrDefault();
            if (next is not null) withheld.Add(next);
        }
        return [.. measures.Keys.Where(withheld.Contains)];
    }

    private static string? BaseOf(string key) =>
        key.EndsWith("VsThreshold", StringComparison.Ordinal) ? key[..^"VsThreshold".Length] : BuiltOn.GetValueOrDefault(key);

    /// <summary>A measure of a report as it may be published, given the report's <see cref="WithheldKeys"/>.</summary>
    public static (object? Value, object? Numerator, object? Denominator) Of(Measure m, bool withheld) =>
        withheld ? (Symbol, m.Numerator is null ? null : Symbol, m.Denominator is null ? null : Symbol) : (m.Value, m.Numerator, m.Denominator);

    /// <summary>
    /// A breakdown's groups as they may be published, in the same order: count and percentage, each a number or
    /// <see cref="Symbol"/>. With a shown total, a lone suppressed group takes the smallest other non-zero group with it.
    /// </summary>
    public static IReadOnlyList<(GroupCount Group, object? Count, object? Pct)> Groups(IReadOnlyList<GroupCount> groups)
    {
        var withheld = groups.Select(g => Identifying(g.Count)).ToArray();
        if (withheld.Count(w => w) == 1)
        {
            var next = Enumerable.Range(0, groups.Count).Where(i => !withheld[i] && groups[i].Count > 0)
                .OrderBy(i => groups[i].Count).ThenBy(i => groups[i].Group, StringComparer.Ordinal).FirstOrDefault(-1);
            if (next >= 0) withheld[next] = true;
        }
        return [.. groups.Select((g, i) => withheld[i] ? (g, (object?)Symbol, (object?)Symbol) : (g, g.Count, g.Pct))];
    }
}
