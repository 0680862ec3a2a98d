using System.Text;
using CareTracking.Indicators.Breakdowns;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Comparisons;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.ReportPack;

/// <summary>
/// The whole committee report in one download (indicators:read), as known at an instant when one is given:
/// <c>format=xlsx</c> a workbook with the measures, the comparisons and the breakdowns, one sheet each; <c>format=csv</c>
/// the three tables one after the other, each under a line naming it.
/// </summary>
public static class ReportPackApi
{
    public static void MapReportPack(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/indicators/report-pack", async (string? year, string? asAt, string? knownAt, string? format, HttpContext http,
            CommitteeReports reports, ComparisonData data, IConfiguration config) =>
        {
            if (format is not ("xlsx" or "csv"))
                throw new RuleViolation("format", "format.known", "format must be xlsx or csv.");
            var window = CommitteeApi.Window(year, asAt) with { KnownAt = CommitteeApi.KnownAt(knownAt) };
            var authority = http.User.Authority();
            var ct = http.RequestAborted;
            var report = await reports.ReportAsync(authority, window, ct);
            var comparison = ComparisonReport.Build(authority, window.CollectionYear, window.AsAt, window.KnownAt, report.Measures,
                await data.PublishedAsync(authority, ct), await data.NeighboursAsync(authority, window.KnownAt, ct),
                await data.TargetsAsync(authority, window.KnownAt, ct));
            var breakdowns = await BreakdownsApi.ComputeAsync(authority, window, reports, config, ct);
            (string Name, string Csv)[] sheets =
            [
                ("Measures", CommitteeApi.CommitteeCsv(report)),
                ("Comparisons", ComparisonsApi.Csv(comparison)),
                ("Breakdowns", BreakdownsApi.Csv(breakdowns)),
            ];
            var name = $"committee-report-{authority}-{window.AsAt:yyyy-MM-dd}{(window.KnownAt is { } k ? $"-known-{k:yyyyMMddTHHmmssZ}" : "")}";
            if (format == "xlsx")
                return Results.File(ReportPackWorkbook.Write(sheets), ReportPackWorkbook.ContentType, name + ".xlsx");
            var csv = new StringBuilder();
            foreach (var (sheet, text) in sheets) csv.Append("# ").Append(sheet).Append("\r\n").Append(text).Append("\r\n");
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
            return Results.Text(csv.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
        }).WithTags("Committee").RequireAuthorization(Scopes.IndicatorsRead);
    }
}
