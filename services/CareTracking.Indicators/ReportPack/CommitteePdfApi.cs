using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Comparisons;
using CareTracking.Indicators.Measures;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.ReportPack;

/// <summary>
/// The committee report as a PDF made by the service, beside the committee JSON and with its scope (indicators:read;
/// counts only, so nothing is audited, as for the other committee routes): <c>GET</c> prints a ruled space for the
/// officer's narrative, <c>POST</c> prints the narrative sent as the body (plain text). The narrative is not kept: the
/// officer keeps the text and sends it with each download, so nothing an officer drafts is stored with the figures.
/// </summary>
public static class CommitteePdfApi
{
    /// <summary>The longest narrative taken: about two printed pages.</summary>
    public const int LongestNarrative = 8_000;

    /// <summary>The years before the report's own that the trends show (five years in all, as the dashboard).</summary>
    private const int EarlierYears = 4;

    public static void MapCommitteePdf(this IEndpointRouteBuilder app)
    {
        var committee = app.MapGroup("/api/indicators/committee").WithTags("Committee").RequireAuthorization(Scopes.IndicatorsRead);
        committee.MapGet("/report.pdf", (string? year, string? asAt, string? knownAt, HttpContext http, CommitteeReports reports, ComparisonData data) =>
            PdfAsync(CommitteeApi.Window(year, asAt) with { KnownAt = CommitteeApi.KnownAt(knownAt) }, null, http, reports, data));
        committee.MapPost("/report.pdf", async (string? year, string? asAt, string? knownAt, HttpContext http, CommitteeReports reports, ComparisonData data) =>
        {
            // The query is checked before the body is read, so a bad instant is a 422 naming it whatever the narrative.
            var window = CommitteeApi.Window(year, asAt) with { KnownAt = CommitteeApi.KnownAt(knownAt) };
            return await PdfAsync(window, await NarrativeAsync(http), http, reports, data);
        }).Accepts<string>("text/plain");
    }

    private static async Task<IResult> PdfAsync(ReportWindow window, string? narrative, HttpContext http, CommitteeReports reports, ComparisonData data)
    {
        var authority = http.User.Authority();
        var ct = http.RequestAborted;
        var report = await reports.ReportAsync(authority, window, ct);
        var earlier = new List<CommitteeResponse>();
        for (var back = EarlierYears; back >= 1; back--)
            earlier.Add(await reports.ReportAsync(authority, ReportWindow.EndingOn(window.AsAt.AddYears(-back)) with { KnownAt = window.KnownAt }, ct));
        var comparison = ComparisonReport.Build(authority, window.CollectionYear, window.AsAt, window.KnownAt, report.Measures,
            await data.PublishedAsync(authority, ct), await data.NeighboursAsync(authority, ct), await data.TargetsAsync(authority, ct));
        var pdf = CommitteePdf.Write(new CommitteePdfInput(authority, report, earlier, comparison, narrative));
        var name = $"committee-report-{authority}-{window.AsAt:yyyy-MM-dd}{(window.KnownAt is { } k ? $"-known-{k:yyyyMMddTHHmmssZ}" : "")}.pdf";
        return Results.File(pdf, CommitteePdf.ContentType, name);
    }

    /// <summary>The body as the narrative: plain text of at most <see cref="LongestNarrative"/> characters, read no
    /// further than one past the limit; control characters other than line breaks and tabs are dropped.</summary>
    private static async Task<string?> NarrativeAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var buffer = new char[LongestNarrative + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), http.RequestAborted)) > 0) read += n;
        if (read > LongestNarrative)
            throw new RuleViolation("narrative", "narrative.length", $"The narrative is at most {LongestNarrative:N0} characters; shorten it or attach it as a separate paper.");
        var text = new string([.. buffer.AsSpan(0, read).ToArray().Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')]).Replace('\t', ' ').Trim();
        return text.Length == 0 ? null : text;
    }
}
