using CareTracking.MissingEpisodes.Children;
using CareTracking.ServiceDefaults.OpenApi;

namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>
/// The Missing episodes API as its OpenAPI document tells it (docs/integrating.md, docs/missing-episodes.md). The
/// examples are one episode, in order: the report (with its own episodeId, so the later posts can name it), a
/// risk re-assessment, the return, the return interview offered. A report for a child whose care Missing episodes
/// has not heard of yet answers 202: it is kept, and the police are alerted once Placements confirms the care.
/// </summary>
public sealed class MissingEpisodesContract : ApiContract
{
    public static readonly Guid Episode = Guid.Parse("0197a3c0-0000-7000-8000-000000000500");
    private const string Episodes = "/api/missing-episodes";
    private static readonly Dictionary<string, string> EpisodePath = new() { ["episodeId"] = Episode.ToString() };

    private static IReadOnlyDictionary<string, string> Kinds => CareTracking.Ssda903.Codes.MissingCodes.Meanings;

    private static readonly Dictionary<string, string> Risks = new()
    {
        [RiskLevel.Low] = "Low risk (College of Policing APP)",
        [RiskLevel.Medium] = "Medium risk",
        [RiskLevel.High] = "High risk: immediate threat; a child at risk of criminal exploitation is high from the report",
    };

    public override IReadOnlyList<OperationDoc> Operations =>
    [
        new("POST", Episodes, "postMissingReport", "A child in care went missing or away",
            "Opens an episode; the police force of the placement's area is alerted (docs/police-alerts.md). Give your own `episodeId` "
            + "(a UUID) to name the episode in later posts without reading the answer first; without one it is derived from the "
            + "child and `lastSeenAt`. A known exploitation risk raises the level: criminal to high; sexual to high unless "
            + "`riskReason` says why it is lower. A report recorded after the child came back carries `returnedAt`. "
            + "Answers 202 while Placements has not confirmed the child is in care (kept, not yet alerted).")
        {
            Order = 1, Returns = typeof(EpisodeAnswer), Versioned = true, AlsoAnswers = [202],
            Example = new ReportRequest("C1001", MissingKind.Missing, new DateTimeOffset(2025, 6, 1, 21, 30, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2025, 6, 1, 23, 5, 0, TimeSpan.FromHours(1)), RiskLevel.Medium, ExploitationRisk.None, Episode,
                "DP-2025-12345", EventId: Id(501)),
        },
        EpisodeWrite("risk-level", "postRiskLevel", "The child's risk level was re-assessed",
            "While the child is missing, in order of `at`, with a reason. A child at risk of criminal exploitation stays high "
            + "unless a police inspector's review lowers it to medium: then `reviewedBy` names the reviewer.", 2,
            new RiskLevelRequest(new DateTimeOffset(2025, 6, 2, 8, 0, 0, TimeSpan.FromHours(1)), RiskLevel.High, "No contact for ten hours; phone switched off.", Id(502))),
        EpisodeWrite("return", "postReturn", "The child came back",
            "`foundArea` is the postcode area the child was found in (e.g. DE), if known. Closes the episode; the police are told.", 3,
            new ReturnRequest(new DateTimeOffset(2025, 6, 2, 15, 40, 0, TimeSpan.FromHours(1)), "DE", Id(503))),
        EpisodeWrite("return-interview", "postReturnInterview", "The return interview was offered, accepted, declined or completed",
            "The independent return interview owed within 72 hours of the return.", 4,
            new ReturnInterviewRequest("offered", new DateTimeOffset(2025, 6, 3, 10, 0, 0, TimeSpan.FromHours(1)), Id(504))),
        new("GET", Episodes + "/{episodeId}", "getMissingEpisode", "One episode", "Where it stands, its risk assessments, the return and the interview.")
        {
            PathExamples = EpisodePath, Returns = typeof(EpisodeView), Versioned = true, AlsoAnswers = [404],
        },
        new("GET", "/api/children/{childId}/missing-episodes", "getChildMissingEpisodes", "A child's episodes",
            "Newest first, with the incidents in the last 30 and 90 days (held reports are not incidents).")
        {
            PathExamples = new Dictionary<string, string> { ["childId"] = "C1001" }, Returns = typeof(ChildEpisodesView), AlsoAnswers = [404],
        },
    ];

    public override IReadOnlyList<CodeField> CodeFields =>
    [
        CodeField.Of<ReportRequest>("kind", "903 MISSING", Kinds),
        CodeField.Of<ReportRequest>("riskLevel", "Police risk level", Risks),
        CodeField.Of<RiskLevelRequest>("riskLevel", "Police risk level", Risks),
        CodeField.Of<ReturnInterviewRequest>("outcome", "Return interview", ReturnInterviewOutcome.Offered, ReturnInterviewOutcome.Accepted,
            ReturnInterviewOutcome.Declined, ReturnInterviewOutcome.Completed),
    ];

    private static Guid Id(int n) => Guid.Parse($"0197a3c0-0000-7000-8000-000000000{n:000}");

    private static OperationDoc EpisodeWrite(string path, string id, string summary, string description, int order, object example) =>
        new("POST", $"{Episodes}/{{episodeId}}/{path}", id, summary, description)
        {
            Example = example, PathExamples = EpisodePath, Returns = typeof(EpisodeAnswer), Versioned = true, Order = order, AlsoAnswers = [202, 404],
        };
}
