using System.Globalization;
using System.Text;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Exports;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.Breakdowns;

public sealed record BreakdownsResponse(ProfileBreakdown Profile, MissingBreakdown Missing, IroCaseloadReport IroCaseloads)
{
    /// <summary>The keys (<c>table.dimension[.group]</c>, as the CSV's first three columns) of the counts the files print
    /// as <c>c</c>, secondary suppression included; the counts stay numbers here, as in the committee JSON, and the
    /// page shows these as c when asked to (docs/indicators-service.md, "Small numbers").</summary>
    public IReadOnlyList<string> Withheld => [.. BreakdownsPublished.Rows(this).Where(r => r.Withheld).Select(r => r.Key)];
}

/// <summary>The committee's breakdowns (counts only, indicators:read): the profile of the children looked after at D,
/// the missing analysis of the window and the IRO caseloads at D.</summary>
public static class BreakdownsApi
{
    public static void MapBreakdowns(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/indicators/breakdowns", async (string? year, string? asAt, string? knownAt, string? format, HttpContext http, CommitteeReports reports, IConfiguration config) =>
        {
            var csv = format switch
            {
                null or "json" => false,
                "csv" => true,
                _ => throw new RuleViolation("format", "format.known", "format must be json or csv."),
            };
            var window = CommitteeApi.Window(year, asAt) with { KnownAt = CommitteeApi.KnownAt(knownAt) };
            var authority = http.User.Authority();
            var response = await ComputeAsync(authority, window, reports, config, http.RequestAborted);
            if (!csv) return Results.Ok(response);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"breakdowns-{authority}-{window.AsAt:yyyy-MM-dd}.csv\"";
            return Results.Text(Csv(response), "text/csv; charset=utf-8", Encoding.UTF8);
        }).WithTags("Breakdowns").RequireAuthorization(Scopes.IndicatorsRead);
    }

    public static async Task<BreakdownsResponse> ComputeAsync(string authority, Measures.ReportWindow window, CommitteeReports reports, IConfiguration config, CancellationToken ct)
    {
        var children = await reports.RecordsAsync(authority, window.KnownAt, ct);
        var guidance = int.TryParse(config["Indicators:IroCaseloadGuidance"], NumberStyles.None, CultureInfo.InvariantCulture, out var g) && g > 0
            ? g : IroCaseloads.DefaultGuidance;
        return new BreakdownsResponse(
            ChildProfile.At(children, window.AsAt, window.KnownAt),
            MissingAnalysis.Of(children, window),
            IroCaseloads.At(children, window.AsAt, guidance));
    }

    /// <summary>One table: <c>table,dimension,group,count,pct</c>, every breakdown in turn, small numbers withheld
    /// (<see cref="BreakdownsPublished"/>): a file is published as soon as it leaves the service.</summary>
    public static string Csv(BreakdownsResponse r)
    {
        var csv = new StringBuilder(Exports.Csv.Line("table", "dimension", "group", "count", "pct"));
        foreach (var row in BreakdownsPublished.Rows(r)) csv.Append(Exports.Csv.Line(row.Table, row.Dimension, row.Group, row.Count, row.Pct));
        return csv.ToString();
    }
}
