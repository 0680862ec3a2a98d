using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;

namespace CareTracking.Indicators.Projections;

public static class RebuildApi
{
    /// <summary>POST /api/indicators/admin/rebuild (operator): recomputes the read model of every authority from
    /// position zero and answers when it has caught up with the feed, with the rate it ran at: 200 when the read model
    /// has every event committed by then, 202 when a transaction still running on the server holds events back behind
    /// the feed's fence (the background runner applies them once it ends; a second rebuild is not needed). Cross-authority,
    /// so an authority's admin token may not (any authority's admin could otherwise empty every authority's
    /// figures); only the service operator's scope. A version of an event this build cannot read stops the
    /// rebuild there: 409 naming it, never a rebuild that quietly leaves children out.</summary>
    public static void MapRebuild(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/indicators/admin/rebuild", async (ProjectionRebuild rebuild, HttpContext http) =>
        {
            try
            {
                var result = await rebuild.RunAsync(http.RequestAborted);
                return result.ReachedHead ? Results.Ok(result) : Results.Accepted(value: result);
            }
            catch (UnknownEventVersionException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "An event version this build cannot read",
                    type: "https://caretracking.example/problems/projection.unreadable-event",
                    extensions: new Dictionary<string, object?> { ["storedName"] = e.StoredName, ["position"] = e.Position.ToString() });
            }
        })
            // Every authority's read model, reset and refilled by the background role.
            .RequireAuthorization(Scopes.Operator).WithTags("Operator").UsesWorkerConnections();
}
