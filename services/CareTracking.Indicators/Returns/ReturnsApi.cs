using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Returns.AnnexA;
using CareTracking.Indicators.Returns.Checks;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.Returns;

/// <summary>The statutory returns of the token's authority (returns:read): the 903 return as the DfE's validator
/// reads it, the 903 rules the suite can check itself, and Ofsted's Annex A lists. Child-level, so every child in an
/// answer is audited.</summary>
public static class ReturnsApi
{
    public const string ZipType = "application/zip";

    public static void MapReturns(this IEndpointRouteBuilder app)
    {
        var returns = app.MapGroup("/api/returns").WithTags("Returns").RequireAuthorization(Scopes.ReturnsRead);

        returns.MapGet("/903/{year}", async (string year, string? knownAt, string? format, HttpContext http, CommitteeReports reports, ChildReadAudit audit) =>
        {
            if (format is not (null or "csv" or "xml"))
                throw new RuleViolation("format", "format.known", "format must be csv (the default: a zip of CSV files) or xml (the DfE's EXPSSDA903 layout).");
            var ret = await BuildAsync(year, knownAt, http, reports, audit, "returns.903");
            http.Response.Headers["X-Return-Not-Produced"] = string.Join(' ', ret.NotProduced.Select(t => t.File));
            var name = $"ssda903-{http.User.Authority()}-{ret.Year.EndYear}";
            if (format != "xml") return Results.File(ReturnZip.Write(ret), ZipType, name + ".zip");
            // SWEpisodes has no element in the schema: say so beside the document, as for a table not produced.
            http.Response.Headers["X-Return-Not-In-Xml"] = string.Join(' ', ReturnXml.NotInXml(ret).Select(t => t.File));
            return Results.File(ReturnXml.Write(ret), ReturnXml.ContentType, name + ".xml");
        });

        returns.MapGet("/903/{year}/check", async (string year, string? knownAt, string? lastYearKnownAt, HttpContext http, CommitteeReports reports, ChildReadAudit audit) =>
        {
            // Both instants are checked before anything is read or audited.
            var lastKnown = CommitteeApi.KnownAt(lastYearKnownAt, "lastYearKnownAt");
            var ret = await BuildAsync(year, knownAt, http, reports, audit, "returns.903-check");
            if (lastKnown is null)
            {
                // Without last year's return as the DfE holds it, the rules that compare with it are not run: say so.
                http.Response.Headers["X-Checks-Not-Run"] = string.Join(' ', ReturnChecks.LastYearRules);
                return Results.Ok(ReturnChecks.Run(ret));
            }
            var last = await BuildAsync((ret.Year.EndYear - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), lastKnown, http, reports, audit, "returns.903-check");
            return Results.Ok((IReadOnlyList<ReturnIssue>)[.. ReturnChecks.Run(ret), .. ReturnChecks.AgainstLastYear(ret, last)]);
        });

        returns.MapAnnexA();
    }

    private static Task<Return903> BuildAsync(string year, string? knownAt, HttpContext http, CommitteeReports reports, ChildReadAudit audit, string what) =>
        BuildAsync(year, CommitteeApi.KnownAt(knownAt), http, reports, audit, what);

    private static async Task<Return903> BuildAsync(string year, DateTimeOffset? known, HttpContext http, CommitteeReports reports, ChildReadAudit audit, string what)
    {
        var returnYear = new ReturnYear(CommitteeApi.Year(year, "year"));
        var records = await reports.RecordsAsync(http.User.Authority(), known, http.RequestAborted);
        var ret = Return903.Build(returnYear, known, records);
        await audit.RecordManyAsync(http, [.. ret.Cohort.Children.Select(c => c.ChildId)], what, http.RequestAborted);
        return ret;
    }
}
