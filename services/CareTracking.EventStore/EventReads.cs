using JasperFx.Events;
using Marten.Services;
using Npgsql;

namespace CareTracking.EventStore;

internal static class EventReads
{
    /// <summary>The feed's columns from Marten's <c>mt_events e</c>: the authority is Marten's tenant id, the
    /// stored name its event type name, effective date and acting client travel in its headers.</summary>
    internal const string Columns =
        "e.seq_id, e.tx_id::text, e.tenant_id, e.stream_id, e.version, e.id, e.type, e.data::text, " +
        $"(e.headers->>'{MartenEvents.EffectiveDateHeader}')::date, e.timestamp, e.correlation_id, e.causation_id, " +
        $"e.headers->>'{MartenEvents.ActingClientHeader}'";

    /// <summary>Reads one stream through Marten (FetchStreamAsync) for the authority as tenant, inside a
    /// transaction scoped to that authority, since row-level security shows an unscoped connection nothing.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(DocumentStore store, string authority, string streamId, CancellationToken ct) =>
        await store.Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await store.DataSource.OpenConnectionAsync(token);
            await using var tx = await conn.BeginTransactionAsync(token);
            await using (var scope = new NpgsqlCommand(AuthorityScope.Sql, conn, tx))
            {
                scope.Parameters.AddWithValue(AuthorityScope.Parameter, authority);
                await scope.ExecuteNonQueryAsync(token);
            }
            var options = SessionOptions.ForTransaction(tx);
            options.TenantId = authority;
            await using var session = store.Marten.QuerySession(options);
            IReadOnlyList<IEvent> events;
            try
            {
                events = await session.Events.FetchStreamAsync(streamId, token: token);
            }
            catch (Exception e) when (e is InvalidCastException or global::Marten.Exceptions.UnknownEventTypeException)
            {
                // Marten falls back to the CLR type name for a stored name it has no mapping for; name the
                // stored name instead, as the feed does (an unknown event fails loudly, never skipped).
                await using var unknown = new NpgsqlCommand(
                    $"select type from {store.Schema}.mt_events where tenant_id = @a and stream_id = @s and type <> all(@known) limit 1", conn, tx);
                unknown.Parameters.AddWithValue("a", authority);
                unknown.Parameters.AddWithValue("s", streamId);
                unknown.Parameters.AddWithValue("known", store.Types.Registered.Select(x => x.StoredName).Concat(store.Types.UpcastSources.Select(x => x.StoredName)).ToArray());
                if (await unknown.ExecuteScalarAsync(token) is string name) throw new UnknownEventTypeException(name);
                throw;
            }
            catch (Exception e) when (HasJsonError(e))
            {
                // Marten's serializer refused a stored event (a required property missing, a null where none is
                // allowed): read the stream's rows through the registry, which names the stored name and type.
                await using var rows = new NpgsqlCommand(
                    $"select {Columns} from {store.Schema}.mt_events e where e.tenant_id = @a and e.stream_id = @s order by e.version", conn, tx);
                rows.Parameters.AddWithValue("a", authority);
                rows.Parameters.AddWithValue("s", streamId);
                await ReadAllAsync(store.Types, rows, token);
                throw;
            }
            await tx.CommitAsync(token);
            return (IReadOnlyList<StoredEvent>)events.Select(FromMarten).ToList();
        }, ct);

    private static bool HasJsonError(Exception? e) =>
        e is not null && (e is System.Text.Json.JsonException || HasJsonError(e.InnerException));

    private static StoredEvent FromMarten(IEvent e) => new(
        Sequence: e.Sequence,
        TxId: 0, // not needed on a stream read; the feed reads it from mt_events.tx_id
        Authority: e.TenantId,
        StreamId: e.StreamKey!,
        Version: e.Version,
        EventId: e.Id,
        EventType: e.EventTypeName,
        Data: e.Data,
        EffectiveDate: EffectiveDate(e),
        RecordedAt: e.Timestamp,
        CorrelationId: e.CorrelationId,
        CausationId: e.CausationId,
        ActingClient: Header(e, MartenEvents.ActingClientHeader),
        RequestHash: Header(e, MartenEvents.RequestHashHeader));

    // Marten reads a header that looks like a date back as a DateTime.
    private static DateOnly? EffectiveDate(IEvent e) => e.GetHeader(MartenEvents.EffectiveDateHeader) switch
    {
        DateTime date => DateOnly.FromDateTime(date),
        DateTimeOffset date => DateOnly.FromDateTime(date.DateTime),
        _ => Header(e, MartenEvents.EffectiveDateHeader) is { } text ? DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null,
    };

    private static string? Header(IEvent e, string key) => e.GetHeader(key) switch
    {
        null => null,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Null } => null,
        System.Text.Json.JsonElement json => json.GetString(),
        var other => other.ToString(),
    };

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
    // Keys first (an index-only scan of mt_events_feed), then the rows by primary key: the planner otherwise
    // tends to sort the whole tail of the table for wide rows. Still one statement, so one snapshot.
    private string Sql(bool onlyKnown) =>
        $"""
        with next as materialized (
            select seq_id from {store.Schema}.mt_events
            where (tx_id, seq_id) > (@tx::text::xid8, @seq)
              and tx_id < pg_snapshot_xmin(pg_current_snapshot())
              {(onlyKnown ? "and type = any(@types)" : "")}
            order by tx_id, seq_id
            limit @max)
        select {EventReads.Columns} from next join {store.Schema}.mt_events e using (seq_id)
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

    /// <summary>
    /// Reads a projection's next batch: the events of <paramref name="interest"/> among the next
    /// <paramref name="scan"/> positions, and how far that covered. Filtering alone left the checkpoint at the
    /// last event read, so every poll scanned again every event passed over since (another service's events:
    /// ~400 ms a poll with 200,000 of them). The keys are scanned first (type only, no bodies), then the wanted
    /// rows are read by sequence: they are committed below the fence, so the second statement sees them as the first did.
    /// Meeting a version of a consumed type that the projection cannot read, it stops before it; with nothing
    /// read before it, it throws <see cref="UnknownEventVersionException"/>.
    /// </summary>
    // Every ORDER BY here names the xid8 column qualified: a bare tx_id beside an output column tx_id::text sorts
    // the text ("1048" before "998"), so when transaction ids gained a digit a batch's reach fell behind events it
    // had applied, and the next batch applied them again (seen in fresh-cluster CI runs).
    public async Task<FeedBatch> ReadBatchAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, FeedPosition after, int max, int scan, FeedInterest interest, string projection, CancellationToken ct)
    {
        await using var keys = new NpgsqlCommand(
            $"""
            with scanned as materialized (
                select tx_id, seq_id, type from {store.Schema}.mt_events
                where (tx_id, seq_id) > (@tx::text::xid8, @seq)
                  and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                order by tx_id, seq_id
                limit @scan)
            select s.tx_id::text as tx, s.seq_id, s.type, s.kind from (
                select tx_id, seq_id, type,
                       case when type = any(@reads) then 1 when {FeedInterest.UnknownVersionSql("type")} then 2 else 0 end as kind,
                       row_number() over (order by tx_id desc, seq_id desc) as from_end
                from scanned) s
            where s.kind > 0 or s.from_end = 1
            order by s.tx_id, s.seq_id
            """, conn, tx);
        keys.Parameters.AddWithValue("tx", after.TxId.ToString());
        keys.Parameters.AddWithValue("seq", after.Sequence);
        keys.Parameters.AddWithValue("scan", scan);
        interest.AddParameters(keys);

        var wanted = new List<long>();
        var reach = after;
        var scanned = 0;
        await using (var r = await keys.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var position = new FeedPosition(ulong.Parse(r.GetString(0)), r.GetInt64(1));
                var kind = r.GetInt32(3);
                if (kind == 2)
                {
                    if (wanted.Count == 0) throw new UnknownEventVersionException(projection, r.GetString(2), position);
                    break; // apply what comes before it; the next read starts at it and throws
                }
                reach = position;
                scanned++;
                if (kind == 1)
                {
                    wanted.Add(position.Sequence);
                    if (wanted.Count == max) break;
                }
            }
        if (wanted.Count == 0) return new FeedBatch([], reach, scanned);

        await using var rows = new NpgsqlCommand(
            $"select {EventReads.Columns} from {store.Schema}.mt_events e where e.seq_id = any(@s) order by e.tx_id, e.seq_id", conn, tx);
        rows.Parameters.AddWithValue("s", wanted.ToArray());
        return new FeedBatch(await EventReads.ReadAllAsync(store.Types, rows, ct), reach, scanned);
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
