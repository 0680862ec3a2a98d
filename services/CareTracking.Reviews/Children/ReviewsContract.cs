using CareTracking.Reviews.WorkLists;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.OpenApi;

namespace CareTracking.Reviews.Children;

/// <summary>
/// The Reviews API as its OpenAPI document tells it (docs/integrating.md). The examples are one child's reviews,
/// in order: an IRO allocated, a review held, its date corrected, then withdrawn as recorded in error. Reviews
/// takes them whether or not it has heard of the child's care yet (a review is placed in its period of care when
/// Placements' message arrives).
/// </summary>
public sealed class ReviewsContract : ApiContract
{
    private const string Children = "/api/children/{childId}";
    private static readonly Dictionary<string, string> ChildPath = new() { ["childId"] = "C1001" };

    /// <summary>903 REVIEW_CODE, as the DfE's 903 guide words them (docs/reviews.md).</summary>
    private static IReadOnlyDictionary<string, string> Participation => CareTracking.Ssda903.Reviews.ReviewParticipation.Meanings;

    private static readonly WorkListQuery[] Filters =
    [
        new("team", "Only children whose IRO is in this team."),
        new("iroId", "Only children allocated this IRO."),
        new("includeShortBreaks", "Include children in short-break care (V3/V4), whose reviews follow another schedule. Default false.", QueryKind.Boolean),
    ];

    public override IReadOnlyList<OperationDoc> Operations =>
    [
        Write("iro-allocations", "postIroAllocation", "An independent reviewing officer was allocated",
            "The IRO and their team from the date given; the work lists filter by them.", 1,
            new IroAllocationRequest(new DateOnly(2024, 4, 20), "IRO0001", "North", Id(201))),
        Write("reviews", "postReview", "A statutory review was held",
            "With the child's participation (903 REVIEW_CODE). The next review falls due from it (20 working days after entry, "
            + "then three months, then six). A child under 4 on the review date is PN0.", 2, new ReviewRequest(new DateOnly(2024, 5, 8), "PN0", Id(202))),
        Write("review-corrections", "postReviewCorrection", "A recorded review's date or participation was wrong",
            "Replaces the review recorded on `reviewDate` with the one given.", 3,
            new ReviewCorrectionRequest(new DateOnly(2024, 5, 8), new DateOnly(2024, 5, 9), "PN0", "Date typed wrongly.", Id(203))),
        Write("review-cancellations", "postReviewCancellation", "A recorded review did not take place",
            "Withdraws the review recorded on `reviewDate` (recorded in error).", 4,
            new ReviewCancellationRequest(new DateOnly(2024, 5, 9), "Recorded against the wrong child.", Id(204))),
        new("GET", Children + "/reviews", "getChildReviews", "The child's reviews and when the next is due",
            "Each review against its due date, and the next due date, by period of care.")
        {
            PathExamples = ChildPath, Returns = typeof(ChildReviewsView), Versioned = true, AlsoAnswers = [404],
        },
        new("GET", "/api/reviews/due", "getReviewsDue", "Children whose next review falls due soon",
            "From the read model (it may lag writes by a moment). Each child listed is a read of their record, audited.")
        {
            Returns = typeof(WorkListAnswer),
            Query =
            [
                new("withinWorkingDays", "How many working days ahead to look. Default 20.", QueryKind.Integer) { Minimum = 0, Maximum = 260, Example = "20" },
                new("asAt", "The day to look from (YYYY-MM-DD). Default today in England.", QueryKind.Date) { Example = "2025-06-02" },
                .. Filters.Select(f => f.Doc),
            ],
        },
        new("GET", "/api/reviews/overdue", "getReviewsOverdue", "Children whose review is overdue",
            "Due strictly before `asAt` with none held since, most overdue first. Each child listed is audited.")
        {
            Returns = typeof(WorkListAnswer),
            Query = [new("asAt", "The day to look from (YYYY-MM-DD). Default today in England.", QueryKind.Date) { Example = "2025-06-02" }, .. Filters.Select(f => f.Doc)],
        },
        new("GET", "/api/reviews/timeliness", "getReviewTimeliness", "How many reviews in a window were on time",
            "Counts only, no child named: reviews held from `from` to `to`, on time or late, by participation code.")
        {
            Returns = typeof(TimelinessReport),
            Query =
            [
                new("from", "First review date of the window (YYYY-MM-DD).", QueryKind.Date) { Example = "2025-04-01", Required = true },
                new("to", "Last review date of the window (YYYY-MM-DD).", QueryKind.Date) { Example = "2026-03-31", Required = true },
                new("includeShortBreaks", "Include children in short-break care. Default true.", QueryKind.Boolean),
            ],
        },
    ];

    public override IReadOnlyList<CodeField> CodeFields =>
    [
        CodeField.Of<ReviewRequest>("participation", "903 REVIEW_CODE, how the child took part", Participation),
        CodeField.Of<ReviewCorrectionRequest>("participation", "903 REVIEW_CODE, how the child took part", Participation),
    ];

    private sealed record WorkListQuery(string Name, string Description, QueryKind Kind = QueryKind.Text)
    {
        public QueryDoc Doc => new(Name, Description, Kind);
    }

    private static Guid Id(int n) => Guid.Parse($"0197a3c0-0000-7000-8000-000000000{n:000}");

    private static OperationDoc Write(string path, string id, string summary, string description, int order, object example) =>
        new("POST", $"{Children}/{path}", id, summary, description)
        {
            Example = example, PathExamples = ChildPath, Returns = typeof(CommandAnswer), Versioned = true, Order = order,
        };
}
