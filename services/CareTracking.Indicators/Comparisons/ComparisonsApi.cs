using System.Globalization;
using System.Text;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Exports;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.Comparisons;

public sealed record PublishedUpload(string Release, DateOnly PublishedOn, int Figures, int NotPublished, int Areas, IReadOnlyList<string> Measures, IReadOnlyList<int> Years);
public sealed record NeighbourList(IReadOnlyList<string> Neighbours);
public sealed record TargetList(IReadOnlyList<Target> Targets);

/// <summary>Comparisons of the token's authority (indicators:read) and the data behind them (admin loads it).</summary>
public static class ComparisonsApi
{
    public static void MapComparisons(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/indicators/comparisons", async (string? year, string? asAt, string? knownAt, string? format, HttpContext http, CommitteeReports reports, ComparisonData data) =>
        {
            var csv = format switch
            {
                null or "json" => false,
                "csv" => true,
                _ => throw new RuleViolation("format", "format.known", "format must be json or csv."),
            };
            var window = CommitteeApi.Window(year, asAt) with { KnownAt = CommitteeApi.KnownAt(knownAt) };
            var authority = http.User.Authority();
            var report = await reports.ReportAsync(authority, window, http.RequestAborted);
            var comparison = ComparisonReport.Build(authority, window.CollectionYear, window.AsAt, window.KnownAt, report.Measures,
                await data.PublishedAsync(authority, http.RequestAborted), await data.NeighboursAsync(authority, http.RequestAborted),
                await data.TargetsAsync(authority, http.RequestAborted));
            if (!csv) return Results.Ok(comparison);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"comparisons-{authority}-{window.AsAt:yyyy-MM-dd}.csv\"";
            return Results.Text(Csv(comparison), "text/csv; charset=utf-8", Encoding.UTF8);
        }).WithTags("Comparisons").RequireAuthorization(Scopes.IndicatorsRead);

        var reference = app.MapGroup("/api/indicators/reference").WithTags("Reference data");
        reference.MapPost("/published", async (string? release, string? publishedOn, HttpContext http, ComparisonData data) =>
        {
            if (string.IsNullOrWhiteSpace(release) || release.Length > 200)
                throw new RuleViolation("release", "published.release", "Name the release the file comes from, e.g. \"Children looked after in England including adoptions 2024\".");
            var on = Query.Date("publishedOn", publishedOn) ?? throw new RuleViolation("publishedOn", "query.required", "Give publishedOn as YYYY-MM-DD, the day the DfE published the release.");
            var figures = DfePublishedCsv.Parse(await Body(http), release.Trim(), on);
            await data.SavePublishedAsync(http.User.Authority(), figures, http.RequestAborted);
            return Results.Ok(new PublishedUpload(release.Trim(), on, figures.Count(f => f.Value is not null), figures.Count(f => f.Value is null), figures.Select(f => f.Area).Distinct().Count(),
                [.. figures.Select(f => f.Measure).Distinct().Order(StringComparer.Ordinal)], [.. figures.Select(f => f.Year).Distinct().Order()]));
        }).RequireAuthorization(Scopes.Admin).Accepts<string>("text/csv");
        reference.MapGet("/published", async (HttpContext http, ComparisonData data) =>
            Results.Ok(await data.PublishedAsync(http.User.Authority(), http.RequestAborted))).RequireAuthorization(Scopes.IndicatorsRead);

        reference.MapPut("/neighbours", async (HttpContext http, ComparisonData data) =>
        {
            var authority = http.User.Authority();
            await data.ReplaceNeighboursAsync(authority, ComparisonData.ParseNeighbours(await Body(http), authority), http.RequestAborted);
            return Results.Ok(new NeighbourList(await data.NeighboursAsync(authority, http.RequestAborted)));
        }).RequireAuthorization(Scopes.Admin).Accepts<string>("text/csv");
        reference.MapGet("/neighbours", async (HttpContext http, ComparisonData data) =>
            Results.Ok(new NeighbourList(await data.NeighboursAsync(http.User.Authority(), http.RequestAborted)))).RequireAuthorization(Scopes.IndicatorsRead);

        reference.MapPut("/targets", async (HttpContext http, ComparisonData data) =>
        {
            var authority = http.User.Authority();
            await data.ReplaceTargetsAsync(authority, ComparisonData.ParseTargets(await Body(http)), http.RequestAborted);
            return Results.Ok(new TargetList(await data.TargetsAsync(authority, http.RequestAborted)));
        }).RequireAuthorization(Scopes.Admin).Accepts<string>("text/csv");
        reference.MapGet("/targets", async (HttpContext http, ComparisonData data) =>
            Results.Ok(new TargetList(await data.TargetsAsync(http.User.Authority(), http.RequestAborted)))).RequireAuthorization(Scopes.IndicatorsRead);
    }

    public static string Csv(ComparisonReport report)
    {
        static string? N(decimal? v) => v?.ToString(CultureInfo.InvariantCulture);
        var csv = new StringBuilder(Exports.Csv.Line("measure", "value", "numerator", "denominator",
            "england", "englandYear", "englandRelease", "region", "regionYear", "regionMembersWithFigure", "regionMembers",
            "neighbours", "neighboursYear", "neighboursWithFigure", "neighbourCount", "target", "better", "met"));
        var withheldKeys = report.Withheld.ToHashSet(StringComparer.Ordinal);
        foreach (var r in report.Rows)
        {
            // Our own figure is withheld when the committee report withholds it (SmallNumbers, secondary suppression
            // included), and with it the mark that would say which side of the target it fell; the published
            // comparators are the DfE's own, already protected.
            var withheld = withheldKeys.Contains(r.Measure);
            object? value = withheld ? SmallNumbers.Symbol : N(r.Value);
            object? numerator = withheld ? SmallNumbers.Symbol : r.Numerator;
            object? denominator = withheld ? SmallNumbers.Symbol : r.Denominator;
            csv.Append(Exports.Csv.Line(r.Measure, value, numerator, denominator,
                N(r.England?.Value), r.England?.Year, r.England?.Release,
                N(r.Region?.Value), r.Region?.Year, r.Region?.MembersWithFigure, r.Region?.Members,
                N(r.Neighbours?.Value), r.Neighbours?.Year, r.Neighbours?.MembersWithFigure, r.Neighbours?.Members,
                N(r.Target), r.HigherIsBetter is null ? null : r.HigherIsBetter.Value ? "higher" : "lower",
                withheld ? SmallNumbers.Symbol : r.Met is null ? null : r.Met.Value ? "met" : "not met"));
        }
        return csv.ToString();
    }

    private static async Task<string> Body(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }
}
