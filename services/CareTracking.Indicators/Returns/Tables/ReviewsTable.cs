namespace CareTracking.Indicators.Returns.Tables;

/// <summary>Reviews: each statutory review of a child of the return held in the year, with its participation code.</summary>
public sealed class ReviewsTable : IReturnTable
{
    public string File => "reviews.csv";
    public string Name => "Reviews";
    public IReadOnlyList<string> Columns { get; } = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"];
    public string? NotProducedBecause => null;

    public IReadOnlyList<ReturnRow> Rows(ReturnCohort cohort) =>
    [
        .. cohort.Children.SelectMany(c => c.History.Reviews
            .Where(r => r.Date >= cohort.Year.Start && r.Date <= cohort.Year.End)
            .Select(r => new ReturnRow(c.ChildId, [c.ChildId, ReturnYear.Date(c.DateOfBirth), ReturnYear.Date(r.Date), r.ParticipationCode ?? ""]))),
    ];
}
