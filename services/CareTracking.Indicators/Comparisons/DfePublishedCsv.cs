using System.Globalization;
using CareTracking.Indicators.Exports;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.Comparisons;

/// <summary>Which rows and column of a DfE file hold one of our measures: the rows whose filter column has the
/// value, read from the indicator column.</summary>
public sealed record DfeMeasureMapping(string FilterColumn, string FilterValue, string IndicatorColumn, string Measure);

/// <summary>
/// Reads a data file of the DfE release "Children looked after in England including adoptions" as
/// explore-education-statistics serves it: one row per area and time period with the standard geography columns
/// (time_period, time_identifier, geographic_level, country_code, country_name, and for regions and authorities
/// region_code, region_name, new_la_code, old_la_code, la_name), then filter columns and indicator columns. Pure.
/// </summary>
public static class DfePublishedCsv
{
    public const string EnglandCode = "E92000001";

    /// <summary>The national and local-authority time series of the release (filter <c>population_count</c>,
    /// indicator <c>number</c>, e.g. data set 1fe5fa25…: "Children looked after at 31 March" and four more).</summary>
    public static IReadOnlyList<DfeMeasureMapping> DefaultMappings { get; } =
    [
        new("population_count", "Children looked after at 31 March", "number", "cla"),
        new("population_count", "Children starting to be looked after during the year", "number", "started"),
        new("population_count", "Children ceasing to be looked after during the year", "number", "ceased"),
        new("population_count", "Children looked after who were adopted during the year", "number", "adoptions"),
        new("population_count", "Children looked after who were adopted during the year", "number", "ceasedAdopted"),
        new("population_count", "Children looked after at 31 March who were unaccompanied asylum-seeking children", "number", "uasc"),
        // The adoption scorecard's three-year averages per authority (A1, A2, A10, in days). The DfE publishes the
        // scorecards as spreadsheets, not as an explore-education-statistics data set, so the admin copies their
        // rows into the same layout with a `measure` column naming our key and a `value` column (docs/indicators-service.md).
        new("measure", "adoptionA1Days3y", "value", "adoptionA1Days3y"),
        new("measure", "adoptionA2Days3y", "value", "adoptionA2Days3y"),
        new("measure", "adoptionA10Days3y", "value", "adoptionA10Days3y"),
    ];

    // The DfE's symbols for a value it does not publish: suppressed (c), not available (x), not applicable (z),
    // low (below 0.5), unreliable (u); none of them is a figure.
    private static readonly HashSet<string> NotPublished = ["c", "x", "z", "low", "u", ":", ".", ""];

    public static IReadOnlyList<PublishedFigure> Parse(string csv, string release, DateOnly publishedOn, IReadOnlyList<DfeMeasureMapping>? mappings = null)
    {
        mappings ??= DefaultMappings;
        var rows = Csv.Parse(csv);
        if (rows.Count < 2) throw new RuleViolation("body", "dfe.empty", "The file has no data rows.");
        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int Column(string name) => Array.IndexOf(header, name);
        foreach (var required in new[] { "time_period", "geographic_level", "country_code" })
            if (Column(required) < 0)
                throw new RuleViolation("body", "dfe.header", $"The file has no {required} column; expected the explore-education-statistics layout (time_period, time_identifier, geographic_level, country_code, …).");

        var usable = mappings.Where(m => Column(m.FilterColumn) >= 0 && Column(m.IndicatorColumn) >= 0).ToList();
        if (usable.Count == 0)
            throw new RuleViolation("body", "dfe.measures", "No column of the file maps to a measure of ours; known: "
                + string.Join("; ", mappings.Select(m => $"{m.FilterColumn} = \"{m.FilterValue}\" ({m.IndicatorColumn}) as {m.Measure}").Distinct()));

        var figures = new List<PublishedFigure>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            string Cell(string name) => Column(name) is >= 0 and var c && c < row.Length ? row[c].Trim() : "";
            var level = Cell("geographic_level") switch
            {
                "National" => AreaLevel.National,
                "Regional" => AreaLevel.Regional,
                "Local authority" => AreaLevel.LocalAuthority,
                _ => (AreaLevel?)null,
            };
            if (level is null) continue; // other levels (e.g. inner and outer London) are not comparator sets of ours
            var area = level switch
            {
                AreaLevel.National => Cell("country_code"),
                AreaLevel.Regional => Cell("region_code"),
                _ => Cell("old_la_code"),
            };
            if (area.Length == 0)
                throw new RuleViolation($"rows[{i - 1}]", "dfe.area", $"Row {i} is {Cell("geographic_level")} but names no area code.");
            var year = Year(Cell("time_period"), i);
            var region = level == AreaLevel.National ? null : Cell("region_code") is { Length: > 0 } r ? r : null;
            foreach (var m in usable.Where(m => string.Equals(Cell(m.FilterColumn), m.FilterValue, StringComparison.OrdinalIgnoreCase)))
            {
                var text = Cell(m.IndicatorColumn).Replace(",", "", StringComparison.Ordinal);
                if (NotPublished.Contains(text.ToLowerInvariant()))
                {
                    figures.Add(new PublishedFigure(level.Value, area, region, m.Measure, year, null, release, publishedOn));
                    continue;
                }
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                    throw new RuleViolation($"rows[{i - 1}].{m.IndicatorColumn}", "dfe.value", $"Row {i}: '{text}' is neither a number nor a DfE symbol (c, x, z, low, u).");
                figures.Add(new PublishedFigure(level.Value, area, region, m.Measure, year, value, release, publishedOn));
            }
        }
        return figures;
    }

    /// <summary>"2024" or the DfE's "202324" both name the year ending 31 March 2024.</summary>
    private static int Year(string period, int row) => period.Length switch
    {
        4 when int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var y) => y,
        6 when int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var y) => y / 100 + 1,
        _ => throw new RuleViolation($"rows[{row - 1}].time_period", "dfe.time-period", $"Row {row}: time_period '{period}' is not a year (2024) or a reporting year (202324)."),
    };
}
