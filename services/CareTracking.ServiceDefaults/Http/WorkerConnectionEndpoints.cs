using CareTracking.EventStore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Which requests may use the background role's connections (<see cref="WorkerConnections"/>): only the endpoints
/// marked with <see cref="UsesWorkerConnections{TBuilder}"/>, whose work spans authorities or changes what only
/// background work changes: /health/ready (outbox counts, projection lag), the operator's rebuild and the admin's
/// replay of parked messages. Every other request that asks for one fails (500) instead of quietly seeing every
/// authority.
/// </summary>
public static class WorkerConnectionEndpoints
{
    private sealed class NeedsWorkerConnections;

    /// <summary>Lets this endpoint's requests open background connections.</summary>
    public static TBuilder UsesWorkerConnections<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new NeedsWorkerConnections());

    /// <summary>Marks each request as request work unless its endpoint needs background connections.</summary>
    public static void UseWorkerConnectionRefusal(this WebApplication app) =>
        app.Use(async (http, next) =>
        {
            var endpoint = http.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<NeedsWorkerConnections>() is null)
                WorkerConnections.RefuseFor(endpoint?.DisplayName ?? "a request");
            await next(http);
        });
}
