using CareTracking.Indicators.Measures;

namespace CareTracking.Indicators.Comparisons;

/// <summary>One measure of the authority beside England, its region and its statistical neighbours, and its target.</summary>
public sealed record ComparisonRow(
    string Measure, decimal? Value, int? Numerator, int? Denominator,
    PublishedValue? England, SetValue? Region, SetValue? Neighbours, decimal? Target, bool? HigherIsBetter, bool? Met);

/// <summary>The comparisons of a committee report, as known at an instant.</summary>
public sealed record ComparisonReport(
    DateOnly AsAt, int Year, DateTimeOffset? KnownAt, string Authority, string? Region, IReadOnlyList<string> RegionMembers,
    IReadOnlyList<string> Neighbours, IReadOnlyList<ComparisonRow> Rows)
{
    /// <summary>The measures of <see cref="Rows"/> whose own figure the files print as <c>c</c>: the committee report's
    /// <c>withheld</c> keys (Exports/SmallNumbers, with the secondary suppression of a family of shares, which a row
    /// alone cannot tell), so a share withheld in the committee report is not shown here.</summary>
    public IReadOnlyList<string> Withheld { get; init; } = [];

    /// <summary>
    /// Every measure of the report that has something to compare with: a published figure for England, the region or
    /// a neighbour, or a target for the year. Pure.
    /// </summary>
    public static ComparisonReport Build(
        string authority, int year, DateOnly asAt, DateTimeOffset? knownAt, IReadOnlyDictionary<string, Measure> measures,
        IReadOnlyList<PublishedFigure> published, IReadOnlyList<string> neighbours, IReadOnlyList<Target> targets)
    {
        var known = new Comparators(published, knownAt);
        var region = known.RegionOf(authority);
        var regionMembers = region is null ? [] : known.AuthoritiesIn(region);
        var rows = new List<ComparisonRow>();
        foreach (var (key, measure) in measures)
        {
            var england = known.Latest(DfePublishedCsv.EnglandCode, key, year);
            var inRegion = known.Of(regionMembers, key, year);
            var amongNeighbours = known.Of(neighbours, key, year);
            var target = targets.FirstOrDefault(t => t.Measure == key && t.Year == year);
            if (england is null && inRegion?.MembersWithFigure is null or 0 && amongNeighbours?.MembersWithFigure is null or 0 && target is null) continue;
            rows.Add(new ComparisonRow(key, measure.Value, measure.Numerator, measure.Denominator, england,
                inRegion?.MembersWithFigure > 0 ? inRegion : null, amongNeighbours?.MembersWithFigure > 0 ? amongNeighbours : null,
                target?.Value, target?.HigherIsBetter, target?.MetBy(measure.Value)));
        }
        var withheld = Exports.SmallNumbers.WithheldKeys(measures).ToHashSet(StringComparer.Ordinal);
        return new ComparisonReport(asAt, year, knownAt, authority, region, regionMembers, neighbours, rows)
        {
            Withheld = [.. rows.Select(r => r.Measure).Where(withheld.Contains)],
        };
    }
}
