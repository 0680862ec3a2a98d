using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.OpenApi;
using CareTracking.Ssda903.CareLeavers;

namespace CareTracking.LeavingCare.CareLeavers;

/// <summary>
/// The Leaving-care API as its OpenAPI document tells it (docs/integrating.md). The examples are one young
/// person's facts, in order. A fact about a young person whose care Leaving care has not heard of yet is kept and
/// checked when Placements' message arrives (docs/leaving-care.md), so they are accepted on their own.
/// </summary>
public sealed class LeavingCareContract : ApiContract
{
    private const string Young = "/api/care-leavers/{childId}";
    private static readonly Dictionary<string, string> ChildPath = new() { ["childId"] = "C1003" };
    private static readonly QueryDoc AsAt = new("asAt", "The day to look from (YYYY-MM-DD). Default today in England.", QueryKind.Date) { Example = "2025-06-02" };

    private static IReadOnlyDictionary<string, string> InTouch => Oc3Codes.InTouchMeanings;

    public override IReadOnlyList<OperationDoc> Operations =>
    [
        Write("personal-adviser", "postPersonalAdviser", "A personal adviser was allocated", "The adviser's id from the date given.", 1,
            new PersonalAdviserRequest(new DateOnly(2025, 4, 14), "PA0042", Id(401))),
        Write("contacts", "postContact", "The authority was in touch with the young person (or tried)",
            "OC3 IN_TOUCH, ACTIV and ACCOM as found on the date; the contact nearest the birthday in its window makes the OC3 row. "
            + "`accommodation` is a 903 accommodation letter (B, C, D, E, G, H, K, R, S, T, U, V, W, X, Y, Z) with 1 (suitable) or 2 (not), or 0.", 2,
            new ContactRequest(new DateOnly(2025, 5, 2), "YES", "F2", "D1", Id(402))),
        Write("staying-put", "postStayingPut", "The young person stayed put with former foster carers",
            "From `from` to `to` (left out while it goes on).", 3, new ArrangementRequest(new DateOnly(2025, 5, 10), null, Id(403))),
        Write("supported-lodgings", "postSupportedLodgings", "The young person lived in supported lodgings",
            "From `from` to `to` (left out while it goes on). Recorded; no measure counts it yet.", 4,
            new ArrangementRequest(new DateOnly(2025, 5, 12), new DateOnly(2025, 5, 31), Id(404))),
        Write("pathway-plan-reviews", "postPathwayPlanReview", "The young person's pathway plan was reviewed", "Recorded; no measure counts it yet.", 5,
            new PathwayPlanReviewRequest(new DateOnly(2025, 6, 1), Id(405))),
        new("GET", Young, "getCareLeaver", "The young person's leaving-care record",
            "Status as at `asAt`, the facts recorded, and the OC3 row of the collection year `year` with its window.")
        {
            PathExamples = ChildPath, Returns = typeof(CareLeaverView), Versioned = true, AlsoAnswers = [404],
            Query = [AsAt, new("year", "The collection year, named by the 31 March it ends on (2025 is 2024/25). Default the year of `asAt`.", QueryKind.Integer) { Minimum = 2000, Maximum = 2100, Example = "2025" }],
        },
        new("GET", "/api/care-leavers", "getCareLeavers", "Care leavers as at a date",
            "From the read model (it may lag writes by a moment). Each young person listed is audited.")
        {
            Returns = typeof(CareLeaverListAnswer), Query = [AsAt],
        },
    ];

    public override IReadOnlyList<CodeField> CodeFields =>
    [
        CodeField.Of<ContactRequest>("inTouch", "903 IN_TOUCH", InTouch),
        CodeField.Of<ContactRequest>("activity", "903 ACTIV (F: full time, P: part time; 0: not known)", [.. Oc3Codes.Activity.Order(StringComparer.Ordinal)]),
    ];

    private static Guid Id(int n) => Guid.Parse($"0197a3c0-0000-7000-8000-000000000{n:000}");

    private static OperationDoc Write(string path, string id, string summary, string description, int order, object example) =>
        new("POST", $"{Young}/{path}", id, summary, description)
        {
            Example = example, PathExamples = ChildPath, Returns = typeof(CommandAnswer), Versioned = true, Order = order,
        };
}
