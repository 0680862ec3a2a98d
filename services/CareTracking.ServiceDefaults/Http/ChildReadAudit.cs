using System.Security.Claims;
using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Child-level reads are audited: who (the client, and the person behind it), when, which authority and child,
/// and what was read; a lookup of a child the authority does not hold is audited too ("...:not-found"). Kept in
/// the database beside the events, never in logs; the services' role may only insert and read it. The read fails
/// if its audit row cannot be written.
/// </summary>
public sealed class ChildReadAudit(DocumentStore store)
{
    /// <summary>The suffix of <c>what</c> for a lookup that found nothing (another authority's child, a typo,
    /// or someone probing ids).</summary>
    public const string NotFound = ":not-found";

    /// <summary>The <c>child_id</c> of a denial on a route that names no child (an episode, a work list): nothing was
    /// read, so no child is known without reading what was refused; not a valid child id, so never taken for one.</summary>
    public const string NoChild = "*";

    public Task RecordAsync(HttpContext http, string childId, string what, CancellationToken ct = default) =>
        RecordManyAsync(http, [childId], what, ct);

    /// <summary>One row per child listed (a work list), in one statement.</summary>
    public async Task RecordManyAsync(HttpContext http, IReadOnlyCollection<string> childIds, string what, CancellationToken ct = default)
    {
        if (childIds.Count == 0) return;
        await store.Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await store.DataSource.OpenConnectionAsync(token);
            await using var batch = new NpgsqlBatch(conn);
            batch.BatchCommands.Add(AuthorityScope.Command(http.User.Authority()));
            var cmd = new NpgsqlBatchCommand(
                $"""
                insert into {store.Schema}.ct_child_read_audit (client, end_user, authority, child_id, what, trace_id)
                select @c, @u, @a, child, @w, @t from unnest(@children) as child
                """);
            cmd.Parameters.AddWithValue("c", http.User.Client());
            cmd.Parameters.AddWithValue("u", EndUser(http.User) is { } user ? user : DBNull.Value);
            cmd.Parameters.AddWithValue("a", http.User.Authority());
            cmd.Parameters.AddWithValue("children", childIds.ToArray());
            cmd.Parameters.AddWithValue("w", what);
            // The W3C trace id, as in problems and in every log line's TraceId scope, so a row joins to both
            // (HttpContext.TraceIdentifier is the server's connection-and-request counter, found nowhere else).
            cmd.Parameters.AddWithValue("t", System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier);
            batch.BatchCommands.Add(cmd);
            await batch.ExecuteNonQueryAsync(token);
        }, ct);
    }

    /// <summary>The person: the actor of a delegated token (RFC 8693 <c>act.sub</c>), else the subject.</summary>
    public static string? EndUser(ClaimsPrincipal user)
    {
        if (user.FindFirstValue("act") is { Length: > 0 } act)
        {
            try
            {
                using var doc = JsonDocument.Parse(act);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("sub", out var sub) && sub.GetString() is { Length: > 0 } actor)
                    return actor;
            }
            catch (JsonException) { /* not an object: fall back to sub */ }
        }
        return user.FindFirstValue("sub");
    }
}
