using System.Globalization;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Reviews.WorkLists;

public sealed record WorkListAnswer(DateOnly AsAt, DateOnly? Until, IReadOnlyList<ReviewDue> Children);

/// <summary>The IRO service's lists across the token's authority, read from <see cref="ReviewChildrenProjection"/>
/// (eventually consistent: a review is listed within a moment of being recorded). All need reviews:read.</summary>
public static class WorkListsApi
{
    /// <summary>A work list is a child-level read of every child on it: one audit row each (a single '*' row
    /// said nothing about whose records were seen).</summary>
    private static List<string> Listed(IEnumerable<ReviewDue> children) => children.Select(c => c.ChildId).Distinct().ToList();

    public static void MapWorkLists(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/api/reviews").WithTags("Review work lists");

        reviews.MapGet("/due", async (HttpContext http, ReviewChildrenProjection rows, ChildReadAudit audit, WorkingDays workingDays, TimeProvider clock,
            string? withinWorkingDays, string? asAt, string? team, string? iroId, string? includeShortBreaks) =>
        {
            var within = Query.Int("withinWorkingDays", withinWorkingDays ?? "20", 0, 260);
            var date = Query.Date("asAt", asAt) ?? UkLocalDate.Of(clock.GetUtcNow());
            var filter = new WorkListFilter(Query.Text(team), Query.Text(iroId), Query.Bool("includeShortBreaks", includeShortBreaks) ?? false);
            var children = await rows.ChildrenOfAsync(http.User.Authority(), http.RequestAborted);
            var due = ReviewWorkList.DueSoon(children, date, within, workingDays, filter);
            await audit.RecordManyAsync(http, Listed(due), "reviews-due", http.RequestAborted);
            return Results.Ok(new WorkListAnswer(date, workingDays.AddWorkingDays(date, within), due));
        }).RequireAuthorization(Scopes.ReviewsRead);

        reviews.MapGet("/overdue", async (HttpContext http, ReviewChildrenProjection rows, ChildReadAudit audit, WorkingDays workingDays, TimeProvider clock,
            string? asAt, string? team, string? iroId, string? includeShortBreaks) =>
        {
            var date = Query.Date("asAt", asAt) ?? UkLocalDate.Of(clock.GetUtcNow());
            var filter = new WorkListFilter(Query.Text(team), Query.Text(iroId), Query.Bool("includeShortBreaks", includeShortBreaks) ?? false);
            var children = await rows.ChildrenOfAsync(http.User.Authority(), http.RequestAborted);
            var overdue = ReviewWorkList.Overdue(children, date, workingDays, filter);
            await audit.RecordManyAsync(http, Listed(overdue), "reviews-overdue", http.RequestAborted);
            return Results.Ok(new WorkListAnswer(date, null, overdue));
        }).RequireAuthorization(Scopes.ReviewsRead);

        reviews.MapGet("/timeliness", async (HttpContext http, ReviewChildrenProjection rows, WorkingDays workingDays,
            string? from, string? to, string? includeShortBreaks) =>
        {
            var first = Query.Date("from", from) ?? throw new RuleViolation("from", "query.required", "Give the first review date of the window, e.g. from=2025-04-01.");
            var last = Query.Date("to", to) ?? throw new RuleViolation("to", "query.required", "Give the last review date of the window, e.g. to=2026-03-31.");
            if (last < first) throw new RuleViolation("to", "query.window-reversed", "The window must end on or after its first day.");
            var children = await rows.ChildrenOfAsync(http.User.Authority(), http.RequestAborted);
            return Results.Ok(ReviewTimeliness.Over(children, first, last, workingDays, Query.Bool("includeShortBreaks", includeShortBreaks) ?? true));
        }).RequireAuthorization(Scopes.ReviewsRead);
    }
}
