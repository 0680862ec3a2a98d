using System.Globalization;
using System.Text;
using CareTracking.Indicators.Committee;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.Breakdowns;

public sealed record BreakdownsResponse(ProfileBreakdown Profile, MissingBreakdown Missing, IroCaseloadReport IroCaseloads);

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

    /// <summary>One table: <c>table,dimension,group,count,pct</c>, every breakdown in turn.</summary>
    public static string Csv(BreakdownsResponse r)
    {
        static string? N(decimal? v) => v?.ToString(CultureInfo.InvariantCulture);
        var csv = new StringBuilder(Exports.Csv.Line("table", "dimension", "group", "count", "pct"));
        csv.Append(Exports.Csv.Line("profile", "lookedAfter", null, r.Profile.LookedAfter, null));
        foreach (var (dimension, groups) in r.Profile.Dimensions)
            foreach (var g in groups) csv.Append(Exports.Csv.Line("profile", dimension, g.Group, g.Count, N(g.Pct)));
        foreach (var p in r.Profile.PlacementByLegalStatus)
            csv.Append(Exports.Csv.Line("placementByLegalStatus", p.PlacementGroup, p.LegalStatusGroup, p.Count, null));
        foreach (var g in r.Profile.PlacedIn) csv.Append(Exports.Csv.Line("placedIn", "placingAuthority", g.Group, g.Count, N(g.Pct)));
        csv.Append(Exports.Csv.Line("missing", "incidents", null, r.Missing.Incidents, null));
        csv.Append(Exports.Csv.Line("missing", "children", null, r.Missing.Children, null));
        foreach (var g in r.Missing.ByPlacement) csv.Append(Exports.Csv.Line("missing", "byPlacement", g.Group, g.Count, N(g.Pct)));
        foreach (var g in r.Missing.ByProvider) csv.Append(Exports.Csv.Line("missing", "byProvider", g.Group, g.Count, N(g.Pct)));
        foreach (var g in r.Missing.ChildrenByIncidents) csv.Append(Exports.Csv.Line("missing", "childrenByIncidents", g.Group, g.Count, N(g.Pct)));
        csv.Append(Exports.Csv.Line("missing", "incidentsOfTheMostMissingFifth", null, r.Missing.IncidentsOfTheMostMissingFifth, null));
        csv.Append(Exports.Csv.Line("missing", "underTenHours", null, r.Missing.UnderTenHours, null));
        csv.Append(Exports.Csv.Line("missing", "returns", null, r.Missing.Returns, null));
        csv.Append(Exports.Csv.Line("missing", "returnsWithoutCompletedInterview", null, r.Missing.ReturnsWithoutCompletedInterview, null));
        csv.Append(Exports.Csv.Line("iroCaseloads", "guidance", null, r.IroCaseloads.Guidance, null));
        csv.Append(Exports.Csv.Line("iroCaseloads", "childrenWithoutIro", null, r.IroCaseloads.ChildrenWithoutIro, null));
        foreach (var i in r.IroCaseloads.Iros)
            csv.Append(Exports.Csv.Line("iroCaseloads", i.Team, i.IroId, i.Children, null));
        return csv.ToString();
    }
}
