using System.Globalization;
using System.Text;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Exports;
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

    /// <summary>One table: <c>table,dimension,group,count,pct</c>, every breakdown in turn, small numbers withheld
    /// (<see cref="SmallNumbers"/>): a file is published as soon as it leaves the service.</summary>
    public static string Csv(BreakdownsResponse r)
    {
        static object? C(int? n) => SmallNumbers.Count(n);
        var csv = new StringBuilder(Exports.Csv.Line("table", "dimension", "group", "count", "pct"));
        void Groups(string table, string dimension, IReadOnlyList<GroupCount> groups)
        {
            foreach (var (g, count, pct) in SmallNumbers.Groups(groups)) csv.Append(Exports.Csv.Line(table, dimension, g.Group, count, pct));
        }
        csv.Append(Exports.Csv.Line("profile", "lookedAfter", null, C(r.Profile.LookedAfter), null));
        foreach (var (dimension, groups) in r.Profile.Dimensions) Groups("profile", dimension, groups);
        foreach (var p in r.Profile.PlacementByLegalStatus)
            csv.Append(Exports.Csv.Line("placementByLegalStatus", p.PlacementGroup, p.LegalStatusGroup, C(p.Count), null));
        Groups("placedIn", "placingAuthority", r.Profile.PlacedIn);
        csv.Append(Exports.Csv.Line("missing", "incidents", null, C(r.Missing.Incidents), null));
        csv.Append(Exports.Csv.Line("missing", "children", null, C(r.Missing.Children), null));
        Groups("missing", "byPlacement", r.Missing.ByPlacement);
        Groups("missing", "byProvider", r.Missing.ByProvider);
        Groups("missing", "childrenByIncidents", r.Missing.ChildrenByIncidents);
        csv.Append(Exports.Csv.Line("missing", "incidentsOfTheMostMissingFifth", null, C(r.Missing.IncidentsOfTheMostMissingFifth), null));
        csv.Append(Exports.Csv.Line("missing", "underTenHours", null, C(r.Missing.UnderTenHours), null));
        csv.Append(Exports.Csv.Line("missing", "returns", null, C(r.Missing.Returns), null));
        csv.Append(Exports.Csv.Line("missing", "returnsWithoutCompletedInterview", null, C(r.Missing.ReturnsWithoutCompletedInterview), null));
        csv.Append(Exports.Csv.Line("missing", "returnsWithInterviewCompletedIn72Hours", null, C(r.Missing.ReturnsWithInterviewCompletedIn72Hours), null));
        Groups("missing", "byFoundArea", r.Missing.ByFoundArea);
        Groups("missing", "byRiskLevel", r.Missing.ByRiskLevel);
        Groups("missing", "byExploitation", r.Missing.ByExploitation);
        csv.Append(Exports.Csv.Line("iroCaseloads", "guidance", null, r.IroCaseloads.Guidance, null));
        csv.Append(Exports.Csv.Line("iroCaseloads", "childrenWithoutIro", null, C(r.IroCaseloads.ChildrenWithoutIro), null));
        foreach (var i in r.IroCaseloads.Iros)
            csv.Append(Exports.Csv.Line("iroCaseloads", i.Team, i.IroId, C(i.Children), null));
        return csv.ToString();
    }
}
