using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Child-level reads are audited: who (client), when, which authority and child, and what was read. Kept in
/// the database beside the events, never in logs. The read fails if its audit row cannot be written.
/// </summary>
public sealed class ChildReadAudit(DocumentStore store)
{
    public async Task RecordAsync(HttpContext http, string childId, string what, CancellationToken ct = default)
    {
        await store.Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await store.DataSource.OpenConnectionAsync(token);
            await using var batch = new NpgsqlBatch(conn);
            batch.BatchCommands.Add(AuthorityScope.Command(http.User.Authority()));
            var cmd = new NpgsqlBatchCommand(
                $"insert into {store.Schema}.ct_child_read_audit (client, authority, child_id, what, trace_id) values (@c, @a, @child, @w, @t)");
            cmd.Parameters.AddWithValue("c", http.User.Client());
            cmd.Parameters.AddWithValue("a", http.User.Authority());
            cmd.Parameters.AddWithValue("child", childId);
            cmd.Parameters.AddWithValue("w", what);
            cmd.Parameters.AddWithValue("t", http.TraceIdentifier);
            batch.BatchCommands.Add(cmd);
            await batch.ExecuteNonQueryAsync(token);
        }, ct);
    }
}
