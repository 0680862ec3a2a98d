using Npgsql;

namespace CareTracking.EventStore;

public static class Checkpoints
{
    /// <summary>The projection's checkpoint. With <paramref name="forUpdate"/> the row is locked until the
    /// transaction ends, and created at position zero first if missing: without a row there is nothing to lock,
    /// and a batch and a rebuild that both found none ran side by side and deadlocked on the read model.</summary>
    public static async Task<FeedPosition> ReadAsync(DocumentStore store, NpgsqlConnection conn, NpgsqlTransaction? tx, string name, CancellationToken ct, bool forUpdate = false)
    {
        if (forUpdate)
        {
            await using var seed = new NpgsqlCommand(
                $"insert into {store.Schema}.ct_projection_progress (name, tx_id, seq_id) values (@n, '0'::xid8, 0) on conflict do nothing", conn, tx);
            seed.Parameters.AddWithValue("n", name);
            await seed.ExecuteNonQueryAsync(ct);
        }
        await using var cmd = new NpgsqlCommand(
            $"select tx_id::text, seq_id from {store.Schema}.ct_projection_progress where name = @n{(forUpdate ? " for update" : "")}", conn, tx);
        cmd.Parameters.AddWithValue("n", name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new FeedPosition(ulong.Parse(r.GetString(0)), r.GetInt64(1)) : FeedPosition.Start;
    }

    public static async Task WriteAsync(DocumentStore store, NpgsqlConnection conn, NpgsqlTransaction tx, string name, FeedPosition position, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            insert into {store.Schema}.ct_projection_progress (name, tx_id, seq_id, updated_at) values (@n, @tx::text::xid8, @seq, now())
            on conflict (name) do update set tx_id = excluded.tx_id, seq_id = excluded.seq_id, updated_at = now()
            """, conn, tx);
        cmd.Parameters.AddWithValue("n", name);
        cmd.Parameters.AddWithValue("tx", position.TxId.ToString());
        cmd.Parameters.AddWithValue("seq", position.Sequence);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Events committed after the checkpoint that the projection reads, among the first
    /// <paramref name="cap"/> committed after it: the projection's lag.</summary>
    public static async Task<long> LagAsync(DocumentStore store, string name, string[]? eventTypes, long cap = 1_000_000, CancellationToken ct = default) =>
        (await PendingAsync(store, name, eventTypes, cap, ct)).Lag;

    /// <summary>The lag, and the first version of a consumed type waiting after the checkpoint that the
    /// projection cannot read (it stops there, so this is why it does not advance).</summary>
    private static async Task<(long Lag, string? UnknownVersion)> PendingAsync(DocumentStore store, string name, string[]? eventTypes, long cap, CancellationToken ct)
    {
        var interest = FeedInterest.For(eventTypes, store.Types);
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        var position = await ReadAsync(store, conn, null, name, ct);
        await using var cmd = new NpgsqlCommand(
            interest is null
                ? $"""
                  select count(*), null::text from (select 1 from {store.Schema}.mt_events
                    where (tx_id, seq_id) > (@tx::text::xid8, @seq) limit @cap) pending
                  """
                : $"""
                  select count(*) filter (where type = any(@reads)), min(type) filter (where {FeedInterest.UnknownVersionSql("type")})
                  from (select type from {store.Schema}.mt_events where (tx_id, seq_id) > (@tx::text::xid8, @seq) limit @cap) pending
                  """, conn);
        cmd.Parameters.AddWithValue("tx", position.TxId.ToString());
        cmd.Parameters.AddWithValue("seq", position.Sequence);
        cmd.Parameters.AddWithValue("cap", cap);
        interest?.AddParameters(cmd);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1));
    }

    /// <summary>A projection's lag, when its checkpoint last moved, whether the checkpoint is ahead of the
    /// server's transaction ids (a restore into a new cluster restarts them below it, and the feed then returns
    /// nothing past the checkpoint), and a version of a consumed type waiting that it cannot read.</summary>
    public static async Task<CheckpointStatus> StatusAsync(DocumentStore store, string name, string[]? eventTypes, CancellationToken ct = default)
    {
        var (lag, unknown) = await PendingAsync(store, name, eventTypes, 1_000_000, ct);
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"select updated_at, tx_id > pg_snapshot_xmax(pg_current_snapshot()) from {store.Schema}.ct_projection_progress where name = @n", conn);
        cmd.Parameters.AddWithValue("n", name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new CheckpointStatus(lag, r.GetFieldValue<DateTimeOffset>(0), r.GetBoolean(1), unknown)
            : new CheckpointStatus(lag, null, false, unknown);
    }

    /// <summary>Empties the read model and sets the checkpoint back to zero in one transaction, while
    /// holding the projection's lock so no runner writes meanwhile. The runner then rebuilds from zero.</summary>
    public static async Task ResetAsync(DocumentStore store, IProjection projection, CancellationToken ct = default)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext(@k))", conn, tx))
        {
            lockCmd.Parameters.AddWithValue("k", $"ct-projection-reset:{store.Schema}:{projection.Name}");
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        // Take the checkpoint row before the read model, in the order a batch takes them: a batch that holds the
        // row and is about to write the read model finishes first. The other order deadlocks with it (PostgreSQL
        // then cancels one side: a rebuild answered 503 under load).
        await Checkpoints.ReadAsync(store, conn, tx, projection.Name, ct, forUpdate: true);
        await projection.ResetAsync(conn, tx, ct);
        await using (var cmd = new NpgsqlCommand($"delete from {store.Schema}.ct_projection_progress where name = @n", conn, tx))
        {
            cmd.Parameters.AddWithValue("n", projection.Name);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }
}
