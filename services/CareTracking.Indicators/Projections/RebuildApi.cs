using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.Indicators.Projections;

public static class RebuildApi
{
    /// <summary>POST /api/indicators/admin/rebuild (operator): recomputes the read model of every authority from
    /// position zero and answers when it has caught up with the feed, with the rate it ran at. Cross-authority,
    /// so an authority's admin token may not (any authority's admin could otherwise empty every authority's
    /// figures); only the service operator's scope.</summary>
    public static void MapRebuild(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/indicators/admin/rebuild", async (ProjectionRebuild rebuild, HttpContext http) =>
            Results.Ok(await rebuild.RunAsync(http.RequestAborted)))
            .RequireAuthorization(Scopes.Operator).WithTags("Operator");
}
