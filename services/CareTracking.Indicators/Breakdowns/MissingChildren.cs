using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;

namespace CareTracking.Indicators.Breakdowns;

/// <summary>One child of the missing analysis: their M incidents starting in the window, the highest risk level any
/// reached, the exploitation risk known at any report, and their returns in the window without a completed interview
/// or with one completed later than 72 hours.</summary>
public sealed record MissingChild(string ChildId, int Incidents, string? HighestRiskLevel, bool CriminalExploitation, bool SexualExploitation,
    int ReturnsWithoutCompletedInterview, int ReturnsWithInterviewLate);

public sealed record MissingChildList(DateOnly From, DateOnly To, DateTimeOffset? KnownAt, IReadOnlyList<MissingChild> Children);

/// <summary>
/// The children behind the committee's missing analysis, most incidents first: the child-level list the breakdowns'
/// counts stand for. It names children, so it needs missing:read (the scope of Missing episodes' own child-level
/// reads), not the committee's indicators:read (docs/security.md); each child listed is audited. Pure, apart from
/// the route.
/// </summary>
public static class MissingChildren
{
    private static readonly string[] RiskLevels = ["low", "medium", "high"];

    public static IReadOnlyList<MissingChild> Of(IReadOnlyList<ChildRecord> children, ReportWindow window)
    {
        var (incidents, returns) = MissingAnalysis.Counted(children, window);
        return [.. incidents.GroupBy(i => i.Child).Select(g => new MissingChild(
                g.Key, g.Count(),
                g.Select(i => i.Incident.HighestRiskLevel).Where(l => l is not null).MaxBy(l => Array.IndexOf(RiskLevels, l)),
                g.Any(i => i.Incident.CriminalExploitation), g.Any(i => i.Incident.SexualExploitation),
                returns.Count(r => r.Child == g.Key && !r.Incident.InterviewCompleted),
                returns.Count(r => r.Child == g.Key && r.Incident.InterviewCompleted && !MissingAnalysis.InterviewIn72Hours(r.Incident))))
            .OrderByDescending(c => c.Incidents).ThenBy(c => c.ChildId, StringComparer.Ordinal)];
    }

    public static void MapMissingChildren(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/indicators/missing/children", async (string? year, string? asAt, string? knownAt, HttpContext http, CommitteeReports reports, ChildReadAudit audit) =>
        {
            var window = CommitteeApi.Window(year, asAt) with { KnownAt = CommitteeApi.KnownAt(knownAt) };
            var listed = Of(await reports.RecordsAsync(http.User.Authority(), window.KnownAt, http.RequestAborted), window);
            await audit.RecordManyAsync(http, [.. listed.Select(c => c.ChildId)], "indicators.missing-children", http.RequestAborted);
            return Results.Ok(new MissingChildList(window.From, window.To, window.KnownAt, listed));
        }).WithTags("Breakdowns").RequireAuthorization(Scopes.MissingRead);
}
