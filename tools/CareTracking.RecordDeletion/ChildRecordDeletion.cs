using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Privacy;
using Npgsql;

namespace CareTracking.RecordDeletion;

/// <summary>Why a record is deleted before the retention rule says: the codes the audit row carries.</summary>
internal static class DeletionReasons
{
    /// <summary>The record should never have existed: the wrong child, a duplicate, a child the authority never looked after.</summary>
    public const string EnteredInError = "entered-in-error";

    /// <summary>A court or the Information Commissioner ordered the record erased.</summary>
    public const string Ordered = "ordered";

    public static readonly string[] All = [EnteredInError, Ordered];
}

/// <summary>How much of a child's record one service holds (counts only), and what became of it.</summary>
internal sealed record RecordPart(string Part, long Events);

internal enum DeletionOutcome { Deleted, Counted, NothingLeft, NoRecord }

internal sealed record DeletionResult(DeletionOutcome Outcome, IReadOnlyList<RecordPart> Parts, long EventsDeleted);

/// <summary>
/// One child's whole record deleted on a data protection officer's decision (docs/security.md, "Deleting a record
/// entered in error"), where no legal obligation keeps it: in one transaction scoped to the authority, the decision is
/// audited (who decided, why), the child's data key erased (so text posted for the id later is stored erased, as after
/// any erasure), and the record deleted by <c>ct_delete_child_record</c> (Schema/005_privacy.sql), the function the
/// retention rule uses: every service's streams and events, the read-model rows, disclosures and outbox rows. All or
/// nothing. It runs as the tables' owner: no service role may delete events, so no token can do this.
/// </summary>
internal sealed class ChildRecordDeletion(string connectionString, string schema)
{
    private const string Tool = "delete-child-record";

    public async Task<DeletionResult> RunAsync(string authority, string childId, string reason, string decidedBy, bool dryRun, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var scope = new NpgsqlBatch(conn, tx) { BatchCommands = { AuthorityScope.Command(authority) } })
            await scope.ExecuteNonQueryAsync(ct);

        var parts = await PartsAsync(conn, tx, authority, childId, ct);
        var key = await KeyStateAsync(conn, tx, authority, childId, ct);
        if (parts.Count == 0)
            // An id nobody recorded is most likely mistyped: no key row is made for it.
            return new(key is null ? DeletionOutcome.NoRecord : DeletionOutcome.NothingLeft, parts, 0);

        await AuditAsync(conn, tx, authority, childId, $"record-deletion:{reason}", decidedBy, ct);
        await ChildDataKeys.EraseAsync(conn, tx, schema, authority, childId, decidedBy, ct);
        await using var delete = new NpgsqlCommand($"select {schema}.ct_delete_child_record(@c)", conn, tx);
        delete.Parameters.AddWithValue("c", childId);
        var deleted = (long)(await delete.ExecuteScalarAsync(ct))!;
        if (dryRun)
        {
            await tx.RollbackAsync(ct);
            // The count is itself a look at the child's record: audited, in a transaction of its own.
            await using var audit = await conn.BeginTransactionAsync(ct);
            await using (var again = new NpgsqlBatch(conn, audit) { BatchCommands = { AuthorityScope.Command(authority) } })
                await again.ExecuteNonQueryAsync(ct);
            await AuditAsync(conn, audit, authority, childId, $"record-deletion-dry-run:{reason}", decidedBy, ct);
            await audit.CommitAsync(ct);
            return new(DeletionOutcome.Counted, parts, deleted);
        }
        await tx.CommitAsync(ct);
        return new(DeletionOutcome.Deleted, parts, deleted);
    }

    /// <summary>The child's events per service, found as <c>ct_delete_child_record</c> finds them: Placements' stream is
    /// the child id, the others' are prefixed, and an episode's stream is the child's when its report names the child.</summary>
    private async Task<IReadOnlyList<RecordPart>> PartsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string authority, string childId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            with episodes as (select distinct stream_id from {schema}.mt_events
                              where tenant_id = @a and stream_id like 'episode:%' and data->>'childId' = @c)
            select case when stream_id = @c then 'placements' when stream_id like 'episode:%' then 'episodes'
                        else split_part(stream_id, ':', 1) end as part, count(*)
            from {schema}.mt_events
            where tenant_id = @a and (stream_id = any(@streams) or stream_id in (select stream_id from episodes))
            group by part order by part
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.AddWithValue("c", childId);
        cmd.Parameters.AddWithValue("streams", new[] { childId, $"missing:{childId}", $"reviews:{childId}", $"health:{childId}", $"leavingcare:{childId}" });
        var parts = new List<RecordPart>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) parts.Add(new(r.GetString(0), r.GetInt64(1)));
        return parts;
    }

    /// <summary>Null when the child has no key row; true when its key is erased.</summary>
    private async Task<bool?> KeyStateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string authority, string childId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select wrapped_key is null from {schema}.ct_child_keys where authority = @a and child_id = @c", conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.AddWithValue("c", childId);
        return await cmd.ExecuteScalarAsync(ct) is bool erased ? erased : null;
    }

    private async Task AuditAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string authority, string childId, string what, string decidedBy, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"insert into {schema}.ct_child_read_audit (client, end_user, authority, child_id, what) values (@client, @user, @a, @c, @w)", conn, tx);
        cmd.Parameters.AddWithValue("client", Tool);
        cmd.Parameters.AddWithValue("user", decidedBy);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.AddWithValue("c", childId);
        cmd.Parameters.AddWithValue("w", what);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
