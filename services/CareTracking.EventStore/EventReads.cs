using Npgsql;

namespace CareTracking.EventStore;

internal static class EventReads
{
    internal const string Columns =
        "e.seq_id, e.tx_id::text, e.authority, e.stream_id, e.version, e.event_id, e.event_type, e.data::text, e.effective_date, e.recorded_at, e.correlation_id, e.causation_id, e.acting_client";

    public static async Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(DocumentStore store, string authority, string streamId, CancellationToken ct) =>
        await store.Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await store.DataSource.OpenConnectionAsync(token);
            await using var batch = new NpgsqlBatch(conn);
            batch.BatchCommands.Add(AuthorityScope.Command(authority));
            var read = new NpgsqlBatchCommand($"select {Columns} from {store.Schema}.ct_events e where authority = @a and stream_id = @s order by version");
            read.Parameters.AddWithValue("a", authority);
            read.Parameters.AddWithValue("s", streamId);
            batch.BatchCommands.Add(read);
            var list = new List<StoredEvent>();
            await using var r = await batch.ExecuteReaderAsync(token);
            await r.NextResultAsync(token); // past the authority scope
            while (await r.ReadAsync(token))
                list.Add(Read(store.Types, r));
            return (IReadOnlyList<StoredEvent>)list;
        }, ct);

    public static async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(EventTypeRegistry types, NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<StoredEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(Read(types, r));
        return list;
    }

    public static StoredEvent Read(EventTypeRegistry types, NpgsqlDataReader r)
    {
        var storedName = r.GetString(6);
        return new StoredEvent(
            Sequence: r.GetInt64(0),
            TxId: ulong.Parse(r.GetString(1)),
            Authority: r.GetString(2),
            StreamId: r.GetString(3),
            Version: r.GetInt64(4),
            EventId: r.GetGuid(5),
            EventType: storedName,
            Data: types.Deserialize(storedName, r.GetString(7)),
            EffectiveDate: r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8),
            RecordedAt: r.GetFieldValue<DateTimeOffset>(9),
            CorrelationId: r.IsDBNull(10) ? null : r.GetString(10),
            CausationId: r.IsDBNull(11) ? null : r.GetString(11),
            ActingClient: r.IsDBNull(12) ? null : r.GetString(12));
    }
}

/// <summary>
/// The global feed across every stream and authority, in (transaction id, sequence) order. One statement
/// reads only below the oldest transaction still running (pg_snapshot_xmin), so an event that a
/// longer-running transaction commits later can never fall behind a reader's checkpoint: the reader waits
/// at the open transaction, then delivers everything exactly once; a rollback simply lets it move on.
/// </summary>
public sealed class EventFeed(DocumentStore store)
{
    // Keys first (an index-only scan of ct_events_feed), then the rows by primary key: the planner otherwise
    // tends to sort the whole tail of the table for wide rows. Still one statement, so one snapshot.
    private string Sql(bool onlyKnown) =>
        $"""
        with next as materialized (
            select seq_id from {store.Schema}.ct_events
            where (tx_id, seq_id) > (@tx::text::xid8, @seq)
              and tx_id < pg_snapshot_xmin(pg_current_snapshot())
              {(onlyKnown ? "and event_type = any(@types)" : "")}
            order by tx_id, seq_id
            limit @max)
        select {EventReads.Columns} from next join {store.Schema}.ct_events e using (seq_id)
        order by e.tx_id, e.seq_id
        """;

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(FeedPosition after, int max, CancellationToken ct = default)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        return await ReadAsync(conn, null, after, max, null, ct);
    }

    /// <summary>Reads the next batch on the caller's connection (projections read and write on one), which
    /// must be of the system scope (<see cref="DocumentStore.SystemDataSource"/>) to see every authority.</summary>
    /// <param name="eventTypes">When given, only these stored names are read (a projection's interest);
    /// the returned batch's last position still advances past skipped events via <paramref name="after"/>.</param>
    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, FeedPosition after, int max, string[]? eventTypes, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql(eventTypes is not null), conn, tx);
        cmd.Parameters.AddWithValue("tx", after.TxId.ToString());
        cmd.Parameters.AddWithValue("seq", after.Sequence);
        cmd.Parameters.AddWithValue("max", max);
        if (eventTypes is not null) cmd.Parameters.AddWithValue("types", eventTypes);
        return await EventReads.ReadAllAsync(store.Types, cmd, ct);
    }
}

public static class Inbox
{
    public static async Task<bool> HasHandledAsync(this DocumentStore store, string consumer, Guid messageId, CancellationToken ct = default) =>
        await store.Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await store.DataSource.OpenConnectionAsync(token);
            await using var cmd = new NpgsqlCommand($"select exists (select 1 from {store.Schema}.ct_inbox where consumer = @c and message_id = @m)", conn);
            cmd.Parameters.AddWithValue("c", consumer);
            cmd.Parameters.AddWithValue("m", messageId);
            return (bool)(await cmd.ExecuteScalarAsync(token))!;
        }, ct);
}
