using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Hosting;
using CareTracking.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareTracking.ServiceDefaults.Messaging;

/// <summary>
/// The outbox on /health/ready. A broker outage or parked messages make it Degraded, not Unhealthy: the service
/// goes on taking posts (the outbox holds their messages), so it must stay behind its load balancer, while the
/// status and the figures tell an operator what is waiting. Messages stranded above the server's transaction ids (a
/// restore into a new cluster) are Degraded too, with the repair named.
/// </summary>
internal sealed class OutboxHealth(DocumentStore store, OutboxRelayService relay) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var background = WorkerConnections.Grant("health check: outbox counts"); // they span every authority
        var state = relay.Relay.State;
        var data = new Dictionary<string, object>();
        if (state.LastSentAt is { } sent) data["lastSentAt"] = sent;
        try
        {
            var (pending, parked) = await OutboxRelay.CountsAsync(store, ct);
            data["pending"] = pending;
            data["parked"] = parked;
            // After a restore into a new cluster nothing else shows why the outbox stopped: the relay does not fail,
            // it finds nothing it may send yet.
            if (pending > 0 && await OutboxRelay.StrandedCountAsync(store, ct) is > 0 and var stranded)
            {
                data["stranded"] = stranded;
                return HealthCheckResult.Degraded(
                    $"{stranded} outbox messages have transaction ids ahead of this server's and will not be sent: restored from a dump "
                    + "into a new cluster? stop the services and run deploy/local/after-restore.sql", data: data);
            }
            if (state.FailingSince is { } since)
            {
                data["failingSince"] = since;
                return HealthCheckResult.Degraded($"outbox relay failing since {since:O} ({state.LastError}); {pending} messages wait", data: data);
            }
            return parked > 0
                ? HealthCheckResult.Degraded($"{parked} outbox messages parked; see docs/reliability.md for the replay", data: data)
                : HealthCheckResult.Healthy($"{pending} messages pending", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("outbox counts unavailable: " + e.GetType().Name, data: data);
        }
    }
}

public static class OutboxOperations
{
    /// <summary>
    /// POST /api/outbox/parked/replay (scope admin): puts the caller's authority's parked messages back in line,
    /// e.g. police alerts for a force whose queue has since been bound. Answers how many.
    /// </summary>
    public static void MapOutboxOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/outbox/parked", async (HttpContext http, DocumentStore store) =>
            Results.Ok(await store.ForAuthorityAsync(http.User.Authority(), async (conn, tx, ct) =>
            {
                await using var cmd = new Npgsql.NpgsqlCommand(
                    $"""
                    select message_id, message_type, destination, routing_key, attempts, last_error, parked_at
                    from {store.Schema}.ct_outbox where source = @src and parked_at is not null and dispatched_at is null
                    order by tx_id, id limit 1000
                    """, conn, tx);
                cmd.Parameters.AddWithValue("src", store.Options.Source);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                var rows = new List<ParkedMessage>();
                while (await r.ReadAsync(ct))
                    rows.Add(new ParkedMessage(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                        r.IsDBNull(3) ? null : r.GetString(3), r.GetInt32(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<DateTimeOffset>(6)));
                return rows;
            }, http.RequestAborted)))
            .RequireAuthorization(Scopes.Admin).WithTags("Operations");

        app.MapPost("/api/outbox/parked/replay", async (HttpContext http, DocumentStore store) =>
            Results.Ok(new { replayed = await OutboxRelay.ReplayParkedAsync(store, http.User.Authority(), http.RequestAborted) }))
            // The request role may not update outbox rows; the replay's SQL is limited to the caller's authority.
            .RequireAuthorization(Scopes.Admin).WithTags("Operations").UsesWorkerConnections();
    }
}

/// <summary>A parked message as an operator sees it: no body (it holds child data), only where it was going
/// and why it could not get there.</summary>
public sealed record ParkedMessage(Guid MessageId, string Type, string? Exchange, string? RoutingKey, int Attempts, string? Error, DateTimeOffset ParkedAt);
