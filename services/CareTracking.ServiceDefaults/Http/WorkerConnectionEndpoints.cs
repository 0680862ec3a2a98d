using CareTracking.EventStore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Which requests may use the background role's connections (<see cref="WorkerConnections"/>): only the endpoints
/// marked with <see cref="UsesWorkerConnections{TBuilder}"/>, whose work spans authorities or changes what only
/// background work changes: the operator's rebuild and the admin's replay of parked messages (/health/ready's checks
/// grant themselves). Every other request is refused them, and so is whatever it starts: asking fails (500) instead
/// of quietly seeing every authority.
/// </summary>
public static class WorkerConnectionEndpoints
{
    private sealed class NeedsWorkerConnections;

    /// <summary>Lets this endpoint's requests open background connections.</summary>
    public static TBuilder UsesWorkerConnections<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new NeedsWorkerConnections());

    /// <summary>Grants each request of an endpoint that needs background connections, naming the endpoint, and refuses
    /// every other (dropping any grant the host's own flow may have passed on to it).</summary>
    public static void UseWorkerConnectionRefusal(this WebApplication app) =>
        app.Use(async (http, next) =>
        {
            var endpoint = http.GetEndpoint();
            var who = endpoint?.DisplayName ?? "a request";
            using var mark = endpoint?.Metadata.GetMetadata<NeedsWorkerConnections>() is null
                ? WorkerConnections.Refuse(who)
                : WorkerConnections.Grant(who);
            await next(http);
        });
}
