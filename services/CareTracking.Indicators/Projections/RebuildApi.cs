using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.Indicators.Projections;

public static class RebuildApi
{
    /// <summary>POST /api/indicators/admin/rebuild (admin): recomputes the read model from position zero and
    /// answers when it has caught up with the feed, with the rate it ran at.</summary>
    public static void MapRebuild(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/indicators/admin/rebuild", async (ProjectionRebuild rebuild, HttpContext http) =>
            Results.Ok(await rebuild.RunAsync(http.RequestAborted)))
            .RequireAuthorization(Scopes.Admin).WithTags("Admin");
}
