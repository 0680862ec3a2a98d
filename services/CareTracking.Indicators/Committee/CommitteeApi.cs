using System.Globalization;
using System.Text;
using CareTracking.Indicators.Exports;
using CareTracking.Indicators.Measures;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.Committee;

/// <summary>The committee report and trends, for the token's authority; indicators:read.</summary>
public static class CommitteeApi
{
    public const int LongestTrendYears = 25;

    public static void MapCommittee(this IEndpointRouteBuilder app)
    {
        var indicators = app.MapGroup("/api/indicators").WithTags("Committee").RequireAuthorization(Scopes.IndicatorsRead);

        indicators.MapGet("/committee", async (string? year, string? asAt, string? knownAt, string? format, HttpContext http, CommitteeReports reports) =>
        {
            var csv = WantsCsv(format, http);
            var window = Window(year, asAt) with { KnownAt = KnownAt(knownAt) };
            var report = await reports.ReportAsync(http.User.Authority(), window, http.RequestAborted);
            if (!csv) return Results.Ok(report);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"committee-{http.User.Authority()}-{report.AsAt:yyyy-MM-dd}.csv\"";
            return Results.Text(CommitteeCsv(report), "text/csv; charset=utf-8", Encoding.UTF8);
        });

        indicators.MapMonthlyTrend();
        indicators.MapGet("/trend", async (string? measure, string? from, string? to, string? knownAt, HttpContext http, CommitteeReports reports) =>
        {
            var (first, last) = (Year(from, "from"), Year(to, "to"));
            if (last < first) throw new RuleViolation("to", "trend.range", "to must be the same year as from or later.");
            if (last - first >= LongestTrendYears) throw new RuleViolation("to", "trend.range", $"A trend covers at most {LongestTrendYears} years.");
            if (string.IsNullOrWhiteSpace(measure) || MeasureDefinitions.For(measure) is null)
                throw new RuleViolation("measure", "trend.measure", "measure must be a committee measure key, e.g. cla or placementMix.fosterOther.");
            return Results.Ok(await reports.TrendAsync(http.User.Authority(), measure, first, last, KnownAt(knownAt), http.RequestAborted));
        });
    }

    /// <summary>?year=YYYY is the collection year ending 31 March YYYY; ?asAt=D the 12 months ending D.</summary>
    public static ReportWindow Window(string? year, string? asAt)
    {
        if (year is not null && asAt is not null)
            throw new RuleViolation("year", "window.one-of", "Give either year or asAt, not both.");
        if (year is not null) return ReportWindow.ForYear(Year(year, "year"));
        if (asAt is null)
            throw new RuleViolation("asAt", "window.required", "Give year=YYYY (the year ending 31 March) or asAt=YYYY-MM-DD.");
        return ReportWindow.EndingOn(Date(asAt, "asAt"));
    }

    public static int Year(string? text, string field) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
            ? y
            : throw new RuleViolation(field, "window.year", $"{field} is the four-digit year in which the collection year ends (31 March), e.g. 2025.");

    public static DateOnly Date(string text, string field) =>
        Query.Date(field, text) ?? throw new RuleViolation(field, "query.required", $"Give {field} as YYYY-MM-DD.");

    /// <summary>An instant with its time and offset (or Z), as instants in bodies (Query.Instant): a bare date or
    /// local time would be ambiguous, and "2025-06-01" used to be read as midnight UTC.</summary>
    public static DateTimeOffset? KnownAt(string? knownAt, string name = "knownAt") => Query.Instant(name, knownAt)?.ToUniversalTime();

    private static bool WantsCsv(string? format, HttpContext http) => format switch
    {
        null => http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true),
        "csv" => true,
        "json" => false,
        _ => throw new RuleViolation("format", "format.known", "format must be json or csv."),
    };

    /// <summary>One table: the report's window, then each measure with its definition, then the switches in force.</summary>
    public static string CommitteeCsv(CommitteeResponse report)
    {
        var csv = new StringBuilder(Csv.Line("section", "key", "value", "numerator", "denominator", "national", "comparator", "text"));
        csv.Append(Csv.Line("report", "asAt", report.AsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, null, null, null));
        csv.Append(Csv.Line("report", "from", report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, null, null, null));
        csv.Append(Csv.Line("report", "to", report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, null, null, null));
        csv.Append(Csv.Line("report", "knownAt", report.KnownAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), null, null, null, null,
            report.KnownAt is null ? "everything recorded so far" : "only events recorded by this instant"));
        var withheld = report.Withheld.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, measure) in report.Measures)
        {
            var benchmark = report.Benchmarks.GetValueOrDefault(key);
            var (value, numerator, denominator) = SmallNumbers.Of(measure, withheld.Contains(key));
            csv.Append(Csv.Line("measure", key, value, numerator, denominator, benchmark?.National, benchmark?.Comparator, report.Definitions[key]));
        }
        foreach (var sw in report.Switches)
            csv.Append(Csv.Line("switch", null, null, null, null, null, null, sw));
        return csv.ToString();
    }
}
