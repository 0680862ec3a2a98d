using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CareTracking.ServiceDefaults.Http;

public sealed record ChildReadAuditEntry(DateTimeOffset ReadAt, string Client, string? EndUser, string ChildId, string What, string? TraceId);

/// <summary>
/// GET /api/audit/child-reads?childId=...|user=... (admin): who read a child's records, or whose records a person
/// read, newest first, within the token's authority (row-level security applies as for every read). Every
/// service serves it; they share the audit table.
/// </summary>
public static class ChildReadAuditApi
{
    public const int Limit = 1000;

    public static void MapChildReadAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit/child-reads", async (string? childId, string? user, HttpContext http, DocumentStore store) =>
        {
            if (Query.Text(childId) is null == (Query.Text(user) is null))
                throw new RuleViolation("childId", "audit.one-filter", "Give exactly one of childId or user.");
            var rows = await store.ForAuthorityAsync(http.User.Authority(), async (conn, tx, ct) =>
            {
                await using var cmd = new NpgsqlCommand(
                    $"""
                    select read_at, client, end_user, child_id, what, trace_id from {store.Schema}.ct_child_read_audit
                    where authority = @a and (@child::text is null or child_id = @child) and (@user::text is null or end_user = @user)
                    order by read_at desc, id desc limit {Limit}
                    """, conn, tx);
                cmd.Parameters.AddWithValue("a", http.User.Authority());
                cmd.Parameters.AddWithValue("child", (object?)Query.Text(childId) ?? DBNull.Value);
                cmd.Parameters.AddWithValue("user", (object?)Query.Text(user) ?? DBNull.Value);
                var entries = new List<ChildReadAuditEntry>();
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    entries.Add(new ChildReadAuditEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
                return entries;
            }, http.RequestAborted);
            return Results.Ok(rows);
        }).RequireAuthorization(Scopes.Admin).WithTags("Audit");
}
