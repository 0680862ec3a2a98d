using CareTracking.Health.WorkLists;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.OpenApi;

namespace CareTracking.Health.Children;

/// <summary>
/// The Health API as its OpenAPI document tells it (docs/integrating.md). The examples are one child's health
/// facts for 2025, in order. Health keeps a fact for a child whose care it has not heard of yet and checks it
/// when Placements' message arrives (docs/health.md), so they are accepted on their own.
/// </summary>
public sealed class HealthContract : ApiContract
{
    private const string Children = "/api/children/{childId}";
    private static readonly Dictionary<string, string> ChildPath = new() { ["childId"] = "C1002" };
    private static readonly QueryDoc AsAt = new("asAt", "The day to look from (YYYY-MM-DD). Default today in England.", QueryKind.Date) { Example = "2025-06-02" };

    public override IReadOnlyList<OperationDoc> Operations =>
    [
        Write("health-assessment-requests", "postHealthAssessmentRequest", "The authority asked for a health assessment",
            "`kind` initial (due within 20 working days of entering care) or review.", 1,
            new AssessmentRequestRequest(new DateOnly(2025, 4, 12), "initial", Id(301))),
        Write("health-assessments", "postHealthAssessment", "A health assessment took place", "`kind` initial or review (OC2 HEALTH_ASSESSMENT).", 2,
            new HealthAssessmentBody(new DateOnly(2025, 5, 1), "initial", Id(302))),
        Write("immunisations", "postImmunisations", "Immunisations were checked", "Whether they were up to date on the date (OC2 IMMUNISATIONS).", 3,
            new ImmunisationsRequest(new DateOnly(2025, 5, 1), true, Id(303))),
        Write("dental-checks", "postDentalCheck", "A dental check took place", "OC2 TEETH_CHECK.", 4, new DatedRequest(new DateOnly(2025, 5, 20), Id(304))),
        Write("development-checks", "postDevelopmentCheck", "A development check took place", "For a child under 5 (OC2 HEALTH_CHECK).", 5,
            new DatedRequest(new DateOnly(2025, 5, 21), Id(305))),
        Write("sdq", "postSdq", "A strengths and difficulties questionnaire was completed, or could not be",
            "`score` 0 to 40, or no score with `reason` (OC2 SDQ_SCORE, SDQ_REASON).", 6, new SdqRequest(new DateOnly(2025, 6, 1), 14, null, Id(306))),
        Write("substance-misuse", "postSubstanceMisuse", "A substance misuse problem was identified",
            "With whether an intervention was offered and received (OC2 SUBSTANCE_MISUSE, INTERVENTION_OFFERED, INTERVENTION_RECEIVED).", 7,
            new SubstanceMisuseRequest(new DateOnly(2025, 6, 2), true, false, Id(307))),
        Write("convictions", "postConviction", "The child was convicted or given a final warning or reprimand", "OC2 CONVICTED.", 8,
            new DatedRequest(new DateOnly(2025, 6, 3), Id(308))),
        Write("health-passports", "postHealthPassport", "The child was given a health passport", "Recorded; no measure counts it yet.", 9,
            new DatedRequest(new DateOnly(2025, 6, 4), Id(309))),
        new("GET", Children + "/health", "getChildHealth", "The child's health record and what is due",
            "The facts recorded, what is due or overdue as at `asAt`, the OC2 row of the collection year `year`, and facts flagged "
            + "once the care period arrived.")
        {
            PathExamples = ChildPath, Returns = typeof(ChildHealthView), Versioned = true, AlsoAnswers = [404],
            Query = [AsAt, new("year", "The collection year, named by the 31 March it ends on (2025 is 2024/25). Default the year of `asAt`.", QueryKind.Integer) { Minimum = 2000, Maximum = 2100, Example = "2025" }],
        },
        new("GET", "/api/health/due", "getHealthDue", "Children whose health assessment falls due soon",
            "From the read model (it may lag writes by a moment). Each child listed is audited.")
        {
            Returns = typeof(HealthWorkListAnswer),
            Query = [new("withinWorkingDays", "How many working days ahead to look. Default 20.", QueryKind.Integer) { Minimum = 0, Maximum = 260, Example = "20" }, AsAt],
        },
        new("GET", "/api/health/overdue", "getHealthOverdue", "Children whose health assessment is overdue", "Each child listed is audited.")
        {
            Returns = typeof(HealthWorkListAnswer), Query = [AsAt],
        },
    ];

    public override IReadOnlyList<CodeField> CodeFields =>
    [
        CodeField.Of<AssessmentRequestRequest>("kind", "Assessment kind", "initial", "review"),
        CodeField.Of<HealthAssessmentBody>("kind", "Assessment kind", "initial", "review"),
    ];

    private static Guid Id(int n) => Guid.Parse($"0197a3c0-0000-7000-8000-000000000{n:000}");

    private static OperationDoc Write(string path, string id, string summary, string description, int order, object example) =>
        new("POST", $"{Children}/{path}", id, summary, description)
        {
            Example = example, PathExamples = ChildPath, Returns = typeof(CommandAnswer), Versioned = true, Order = order,
        };
}
