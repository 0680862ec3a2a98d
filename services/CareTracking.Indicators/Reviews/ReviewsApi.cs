using CareTracking.Indicators.Committee;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Reviews;

public sealed record ReviewWorkList(DateOnly AsAt, int? WithinWorkingDays, DateOnly? DueBy, IReadOnlyList<ReviewDue> Children);

/// <summary>The IRO work lists for the dashboard. Child-level, so they need reviews:read (the scope of the Reviews
/// service's own lists and records), not the committee's indicators:read, which gives aggregate figures only
/// (issue 10, item 9); each child listed is audited.</summary>
public static class ReviewsApi
{
    public const int LongestLookAhead = 60;

    public static void MapReviewWorkLists(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/api/indicators/reviews").WithTags("Reviews").RequireAuthorization(Scopes.ReviewsRead);

        reviews.MapGet("/due", async (string? withinWorkingDays, string? asAt, HttpContext http, CommitteeReports reports, ChildReadAudit audit, TimeProvider clock) =>
        {
            var days = int.TryParse(withinWorkingDays, out var n) && n is >= 0 and <= LongestLookAhead
                ? n
                : throw new RuleViolation("withinWorkingDays", "work-list.days", $"withinWorkingDays must be a whole number from 0 to {LongestLookAhead}.");
            var date = AsAt(asAt, clock);
            var children = await reports.RecordsAsync(http.User.Authority(), null, http.RequestAborted);
            var due = ReviewWorkLists.DueSoon(children, date, days, WorkingDays.England);
            await Audit(http, audit, due, "indicators.reviews-due");
            return Results.Ok(new ReviewWorkList(date, days, WorkingDays.England.AddWorkingDays(date, days), due));
        });

        reviews.MapGet("/overdue", async (string? asAt, HttpContext http, CommitteeReports reports, ChildReadAudit audit, TimeProvider clock) =>
        {
            var date = AsAt(asAt, clock);
            var children = await reports.RecordsAsync(http.User.Authority(), null, http.RequestAborted);
            var overdue = ReviewWorkLists.Overdue(children, date, WorkingDays.England);
            await Audit(http, audit, overdue, "indicators.reviews-overdue");
            return Results.Ok(new ReviewWorkList(date, null, null, overdue));
        });
    }

    private static DateOnly AsAt(string? asAt, TimeProvider clock) =>
        asAt is null ? UkLocalDate.Of(clock.GetUtcNow()) : CommitteeApi.Date(asAt, "asAt");

    private static async Task Audit(HttpContext http, ChildReadAudit audit, IReadOnlyList<ReviewDue> listed, string what)
    {
        await audit.RecordManyAsync(http, listed.Select(c => c.ChildId).Distinct().ToList(), what, http.RequestAborted);
    }
}
