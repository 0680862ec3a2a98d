using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Health.WorkLists;

public sealed record HealthWorkListAnswer(DateOnly AsAt, DateOnly? Until, IReadOnlyList<HealthWorkItem> Children);

/// <summary>The health team's lists across the token's authority, read from <see cref="HealthChildrenProjection"/>
/// (eventually consistent). Both need health:read.</summary>
public static class HealthWorkListsApi
{
    public static void MapHealthWorkLists(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/api/health").WithTags("Health work lists");

        health.MapGet("/due", async (HttpContext http, HealthChildrenProjection rows, ChildReadAudit audit, WorkingDays workingDays, TimeProvider clock,
            string? withinWorkingDays, string? asAt) =>
        {
            var within = Query.Int("withinWorkingDays", withinWorkingDays ?? "20", 0, 260);
            var date = Query.Date("asAt", asAt) ?? UkLocalDate.Of(clock.GetUtcNow());
            var children = await rows.ChildrenOfAsync(http.User.Authority(), http.RequestAborted);
            var due = HealthWorkList.DueWithin(children.Select(c => (c.Key, c.Value)), date, within, workingDays);
            // One audit row per child listed, as for every child-level read (docs/security.md).
            await audit.RecordManyAsync(http, due.Select(i => i.ChildId).Distinct().ToList(), "health-due", http.RequestAborted);
            return Results.Ok(new HealthWorkListAnswer(date, workingDays.AddWorkingDays(date, within), due));
        }).RequireAuthorization(Scopes.HealthRead);

        health.MapGet("/overdue", async (HttpContext http, HealthChildrenProjection rows, ChildReadAudit audit, WorkingDays workingDays, TimeProvider clock,
            string? asAt) =>
        {
            var date = Query.Date("asAt", asAt) ?? UkLocalDate.Of(clock.GetUtcNow());
            var children = await rows.ChildrenOfAsync(http.User.Authority(), http.RequestAborted);
            var overdue = HealthWorkList.Overdue(children.Select(c => (c.Key, c.Value)), date, workingDays);
            await audit.RecordManyAsync(http, overdue.Select(i => i.ChildId).Distinct().ToList(), "health-overdue", http.RequestAborted);
            return Results.Ok(new HealthWorkListAnswer(date, null, overdue));
        }).RequireAuthorization(Scopes.HealthRead);
    }
}
