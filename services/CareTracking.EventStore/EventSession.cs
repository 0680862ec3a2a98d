using System.Text.Json;
using Marten;
using Marten.Services;
using Npgsql;
using NpgsqlTypes;

namespace CareTracking.EventStore;

/// <summary>
/// A unit of work for one authority. Stage appends (<see cref="Events"/>), outbox messages and inbox marks,
/// then <see cref="SaveChangesAsync"/> writes them in one transaction, the events through a Marten session
/// enlisted in it: all commit or none do.
/// </summary>
public sealed class EventSession(DocumentStore store, string authority, AppendContext context)
{
    private readonly List<StreamAppend> appends = [];
    private readonly List<OutboxMessage> outbox = [];
    private readonly List<(string Consumer, Guid MessageId)> inbox = [];
    private readonly List<(string Sql, Action<NpgsqlParameterCollection> Bind)> extraSql = [];
    private readonly List<(string StreamType, int Count)> written = [];

    public string Authority { get; } = authority;
    public DocumentStore Store { get; } = store;
    public EventOperations Events => new(this);

    internal void Stage(StreamAppend append) => appends.Add(append);

    /// <summary>Adds a message to the outbox; it is relayed after commit.</summary>
    public void Publish(OutboxMessage message) => outbox.Add(message);

    /// <summary>Records that a consumer has handled a message, in the same transaction as its effects. A second
    /// save for the same message fails with a unique violation and changes nothing; check
    /// <see cref="Inbox.HasHandledAsync"/> first to skip redeliveries cheaply.</summary>
    public void MarkHandled(string consumer, Guid messageId) => inbox.Add((consumer, messageId));

    /// <summary>Adds a statement (e.g. a read-model write) to the same transaction.</summary>
    public void Execute(string sql, Action<NpgsqlParameterCollection> bind) => extraSql.Add((sql, bind));

    public async Task<IReadOnlyList<AppendResult>> SaveChangesAsync(CancellationToken ct = default)
    {
        if (appends.Count == 0 && outbox.Count == 0 && inbox.Count == 0 && extraSql.Count == 0) return [];
        using var span = EventStoreTelemetry.Source.StartActivity("event store append");
        span?.SetTag("caretracking.appends", appends.Count);
        span?.SetTag("caretracking.outbox_messages", outbox.Count);
        return await Store.Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await Store.DataSource.OpenConnectionAsync(token);
            await using var tx = await conn.BeginTransactionAsync(token);
            written.Clear();
            var results = await SaveInTransactionAsync(conn, tx, token);
            await tx.CommitAsync(token);
            foreach (var (streamType, count) in written)
                EventStoreTelemetry.Appended.Add(count, new KeyValuePair<string, object?>("stream_type", streamType));
            return results;
        }, ct);
    }

    /// <summary>
    /// Writes everything staged inside the caller's open transaction, without committing it: first one batch
    /// that scopes the transaction to the authority, takes each stream's lock and reads its version and which
    /// of the append's event ids it already holds, and writes the outbox, inbox and extra rows; then, once every
    /// check has passed, Marten appends the events on the same connection and transaction
    /// (<c>SessionOptions.ForTransaction</c>). A rejected append therefore fails before Marten takes a single
    /// sequence number, and a racing writer waits on the stream lock rather than failing on a unique index.
    /// </summary>
    internal async Task<IReadOnlyList<AppendResult>> SaveInTransactionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var schema = Store.Schema;
        var states = new List<(long Version, long Found, long MaxFound, string? FoundHash, DateTimeOffset? FoundAt)>(appends.Count);
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            batch.BatchCommands.Add(AuthorityScope.Command(Authority));
            foreach (var append in appends)
            {
                // Its own statement: the next one then reads with a snapshot taken after the lock was granted.
                var lockCmd = new NpgsqlBatchCommand("select pg_advisory_xact_lock(hashtextextended(@k, 0))");
                lockCmd.Parameters.AddWithValue("k", $"ct-stream:{schema}:{Authority}/{append.StreamId}");
                batch.BatchCommands.Add(lockCmd);
                // A new stream's row is created here, under the lock, so that it carries its type (Marten's
                // Quick append would create it untyped); Marten then appends to it at version 0. A rejected
                // append rolls the row back with everything else.
                var stream = new NpgsqlBatchCommand(
                    $"insert into {schema}.mt_streams (tenant_id, id, type, version) values (@a, @s, @t, 0) on conflict do nothing");
                stream.Parameters.AddWithValue("a", Authority);
                stream.Parameters.AddWithValue("s", append.StreamId);
                stream.Parameters.AddWithValue("t", append.StreamType);
                batch.BatchCommands.Add(stream);
                var state = new NpgsqlBatchCommand(
                    $"""
                    select coalesce((select version from {schema}.mt_streams where tenant_id = @a and id = @s), 0),
                           count(*), coalesce(max(version), 0),
                           min(headers->>'{MartenEvents.RequestHashHeader}'), min(timestamp)
                    from {schema}.mt_events where tenant_id = @a and stream_id = @s and id = any(@ids)
                    """);
                state.Parameters.AddWithValue("a", Authority);
                state.Parameters.AddWithValue("s", append.StreamId);
                state.Parameters.AddWithValue("ids", append.Events.Select(e => e.Id).ToArray());
                batch.BatchCommands.Add(state);
            }
            foreach (var message in outbox)
                batch.BatchCommands.Add(OutboxCommand(schema, message));
            foreach (var (consumer, messageId) in inbox)
            {
                var cmd = new NpgsqlBatchCommand($"insert into {schema}.ct_inbox (consumer, message_id) values (@c, @m)");
                cmd.Parameters.AddWithValue("c", consumer);
                cmd.Parameters.AddWithValue("m", messageId);
                batch.BatchCommands.Add(cmd);
            }
            foreach (var (sql, bind) in extraSql)
            {
                var cmd = new NpgsqlBatchCommand(sql);
                bind(cmd.Parameters);
                batch.BatchCommands.Add(cmd);
            }

            try
            {
                await using var reader = await batch.ExecuteReaderAsync(ct);
                await reader.NextResultAsync(ct); // past the authority scope
                foreach (var _ in appends)
                {
                    await reader.NextResultAsync(ct); // past the lock (the stream row's insert returns no result set)
                    await reader.ReadAsync(ct);
                    states.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
                    await reader.NextResultAsync(ct);
                }
                while (await reader.NextResultAsync(ct)) { }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "ct_outbox")
            {
                throw new MessageIdConflictException(Authority);
            }
        }

        var results = new List<AppendResult>(appends.Count);
        var toAppend = new List<(StreamAppend Append, long Version)>();
        for (var i = 0; i < appends.Count; i++)
        {
            var (append, (version, found, maxFound, foundHash, foundAt)) = (appends[i], states[i]);
            if (found == append.Events.Count)
            {
                // The same ids from a request with another body or route (a racing twin of the first post, which
                // passed the service's own replay check before the first one committed) is a reuse, not a retry.
                if (context.RequestHash is { } hash && foundHash is not null && foundHash != hash)
                    throw new EventIdReusedException(append.StreamId, foundAt);
                // A retry of an append that succeeded: answer as the first time, write nothing.
                results.Add(new AppendResult(append.StreamId, maxFound, WasDuplicate: true));
                continue;
            }
            if (found > 0) throw new EventIdReusedException(append.StreamId, foundAt);
            if (append.ExpectedVersion is { } expected && expected != version)
                throw new ConcurrencyException(Authority, append.StreamId, expected, version);
            toAppend.Add((append, version));
            results.Add(new AppendResult(append.StreamId, version + append.Events.Count, WasDuplicate: false));
        }
        if (toAppend.Count == 0) return results;

        var options = SessionOptions.ForTransaction(tx);
        options.TenantId = Authority;
        await using var session = Store.Marten.LightweightSession(options);
        session.CorrelationId = context.CorrelationId;
        session.CausationId = context.CausationId;
        foreach (var (append, version) in toAppend)
        {
            var events = append.Events.Select(e => (object)ToMarten(session, e)).ToArray();
            session.Events.Append(append.StreamId, version + events.Length, events);
        }
        try
        {
            await session.SaveChangesAsync(ct);
            written.AddRange(toAppend.Select(a => (a.Append.StreamType, a.Append.Events.Count)));
        }
        catch (Exception e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "mt_events_tenant_event_id" }
                                  || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "mt_events_tenant_event_id" })
        {
            // The id was used by another stream of this authority.
            throw new EventIdReusedException(toAppend.Count == 1 ? toAppend[0].Append.StreamId : "(several)");
        }
        return results;
    }

    private JasperFx.Events.IEvent ToMarten(IDocumentSession session, PendingEvent pending)
    {
        var e = session.Events.BuildEvent(pending.Data);
        e.Id = pending.Id;
        e.CorrelationId = context.CorrelationId;
        e.CausationId = context.CausationId;
        if (pending.EffectiveDate is { } date) e.SetHeader(MartenEvents.EffectiveDateHeader, date.ToString("yyyy-MM-dd"));
        if (context.ActingClient is { } client) e.SetHeader(MartenEvents.ActingClientHeader, client);
        if (context.RequestHash is { } hash) e.SetHeader(MartenEvents.RequestHashHeader, hash);
        return e;
    }

    private NpgsqlBatchCommand OutboxCommand(string schema, OutboxMessage message)
    {
        // A retried append re-stages the same deterministic message ids: the same message again adds nothing. An
        // id already used by a different message (another authority, type or body) is not skipped: the insert
        // hits the unique message_id and the whole transaction fails (MessageIdConflictException), because a
        // silent skip once lost a police alert while the post answered 201 (issue 10, item 1).
        var cmd = new NpgsqlBatchCommand(
            $"""
            insert into {schema}.ct_outbox (message_id, source, authority, transport, message_type, destination, routing_key, body, traceparent)
            select @id, @src, @a, @tr, @type, @dest, @key, @body, @trace
            where not exists (
                select 1 from {schema}.ct_outbox o
                where o.message_id = @id and o.authority = @a and o.message_type = @type and o.body = @body)
            """);
        var p = cmd.Parameters;
        p.AddWithValue("id", message.MessageId);
        p.AddWithValue("src", Store.Options.Source);
        p.AddWithValue("a", Authority);
        p.AddWithValue("tr", message.Transport);
        p.AddWithValue("type", message.MessageType);
        p.Add(new NpgsqlParameter<string?>("dest", NpgsqlDbType.Text) { TypedValue = message.Destination });
        p.Add(new NpgsqlParameter<string?>("key", NpgsqlDbType.Text) { TypedValue = message.RoutingKey });
        // The trace the message belongs to, so the relay's publish (and the consumer after it) continue it.
        p.Add(new NpgsqlParameter<string?>("trace", NpgsqlDbType.Text) { TypedValue = EventStoreTelemetry.CurrentTraceParent() });
        p.Add(new NpgsqlParameter("body", NpgsqlDbType.Jsonb)
        {
            Value = JsonSerializer.Serialize(message.Body, message.Body.GetType(), EventTypeRegistry.Json),
        });
        return cmd;
    }
}

internal sealed record StreamAppend(string StreamId, string StreamType, long? ExpectedVersion, IReadOnlyList<PendingEvent> Events);

/// <summary>Marten's session.Events shape: StartStream, Append, FetchStreamAsync, AggregateStreamAsync.</summary>
public readonly struct EventOperations(EventSession session)
{
    /// <summary>Starts a new stream: fails with a concurrency error if it already exists.</summary>
    public void StartStream(string streamType, string streamId, params PendingEvent[] events) =>
        session.Stage(new StreamAppend(streamId, streamType, 0, events));

    /// <summary>Appends; with <paramref name="expectedVersion"/> the stream must be at exactly that version
    /// (0 = must not exist yet); null appends whatever the version.</summary>
    public void Append(string streamType, string streamId, long? expectedVersion, params PendingEvent[] events) =>
        session.Stage(new StreamAppend(streamId, streamType, expectedVersion, events));

    public Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(string streamId, CancellationToken ct = default) =>
        EventReads.FetchStreamAsync(session.Store, session.Authority, streamId, ct);

    /// <summary>Folds the stream into a state; returns the state and the stream version (0 when empty).</summary>
    public async Task<(TState State, long Version)> AggregateStreamAsync<TState>(
        string streamId, TState initial, Func<TState, StoredEvent, TState> evolve, CancellationToken ct = default)
    {
        var events = await FetchStreamAsync(streamId, ct);
        var state = initial;
        foreach (var e in events) state = evolve(state, e);
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }
}
