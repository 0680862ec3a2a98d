using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CareTracking.EventStore;

/// <summary>
/// A unit of work for one authority. Stage appends (<see cref="Events"/>), outbox messages and inbox marks,
/// then <see cref="SaveChangesAsync"/> writes them in one batch and one transaction, the events by Marten's own
/// append function: all commit or none do.
/// </summary>
public sealed partial class EventSession(DocumentStore store, string authority, AppendContext context)
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
            // No explicit transaction: the batch's statements run in one implicit transaction that PostgreSQL
            // commits at the end of the batch, or rolls back whole when any statement fails. One round trip.
            IReadOnlyList<AppendResult> results;
            if (Store.Options.AppendPath != AppendPath.Batch)
                results = await SaveThroughMartenAsync(tx: null, token);
            else
            {
                await using var conn = await Store.DataSource.OpenConnectionAsync(token);
                results = await ExecuteAsync(conn, tx: null, token);
            }
            foreach (var (streamType, count) in written)
                EventStoreTelemetry.Appended.Add(count, new KeyValuePair<string, object?>("stream_type", streamType));
            return results;
        }, ct);
    }

    /// <summary>Writes everything staged inside the caller's open transaction, without committing it (tests
    /// hold a save open this way).</summary>
    internal Task<IReadOnlyList<AppendResult>> SaveInTransactionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        Store.Options.AppendPath != AppendPath.Batch ? SaveThroughMartenAsync(tx, ct) : ExecuteAsync(conn, tx, ct);

    /// <summary>
    /// One batch: scope the transaction to the authority, then each stream's append through
    /// <c>ct_append_events</c> (Schema/003_marten_events.sql: the stream lock, the version and event-id checks,
    /// then Marten's own <c>mt_quick_append_events</c>), then the outbox, inbox and extra rows. A refused
    /// append raises inside PostgreSQL, so the statements after it never run and the transaction rolls back;
    /// a retry (every id already in the stream) writes no event, and the outbox rows it stages again add
    /// nothing.
    /// </summary>
    private async Task<IReadOnlyList<AppendResult>> ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        var schema = Store.Schema;
        written.Clear();
        await using var batch = new NpgsqlBatch(conn, tx);
        batch.BatchCommands.Add(AuthorityScope.Command(Authority));
        foreach (var append in appends)
            batch.BatchCommands.Add(AppendCommand(schema, append));
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

        var results = new List<AppendResult>(appends.Count);
        // Npgsql reads the results in order and raises a statement's error when the reader reaches it: the
        // append being reached is the one that failed.
        var reaching = 0;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct); // past the authority scope, to the first append's result
            foreach (var append in appends)
            {
                await reader.ReadAsync(ct);
                results.Add(new AppendResult(append.StreamId, reader.GetInt64(0), WasDuplicate: reader.GetBoolean(1)));
                reaching++;
                await reader.NextResultAsync(ct);
            }
            while (await reader.NextResultAsync(ct)) { }
        }
        catch (PostgresException e) when (e.SqlState == ConcurrencySqlState)
        {
            var append = Failed();
            var actual = long.Parse(e.MessageText[(e.MessageText.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            throw new ConcurrencyException(Authority, append.StreamId, append.ExpectedVersion, actual);
        }
        catch (PostgresException e) when (e.SqlState == ReusedSqlState)
        {
            var micros = long.Parse(e.MessageText[(e.MessageText.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            throw new EventIdReusedException(Failed().StreamId, DateTimeOffset.UnixEpoch.AddTicks(micros * 10));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "mt_events_tenant_event_id")
        {
            // The id was used by another stream of this authority.
            throw new EventIdReusedException(Failed().StreamId);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "ct_outbox")
        {
            throw new MessageIdConflictException(Authority);
        }
        for (var i = 0; i < appends.Count; i++)
            if (!results[i].WasDuplicate) written.Add((appends[i].StreamType, appends[i].Events.Count));
        return results;

        StreamAppend Failed() => appends[Math.Min(reaching, appends.Count - 1)];
    }

    /// <summary>Raised by <c>ct_append_events</c>: a stale expected version; a reused event id.</summary>
    private const string ConcurrencySqlState = "CT001", ReusedSqlState = "CT002";

    private NpgsqlBatchCommand AppendCommand(string schema, StreamAppend append)
    {
        // Marten's parameters for mt_quick_append_events, built as Marten builds them: its event type name and
        // .NET type name, the body and headers through Marten's serializer.
        var serializer = Store.Marten.Options.Serializer();
        var events = append.Events;
        var cmd = new NpgsqlBatchCommand(
            $"select stream_version, duplicate from {schema}.ct_append_events(@a, @s, @t, @e, @h, @ids, @types, @dotnet, @bodies, @causation, @correlation, @headers)");
        var p = cmd.Parameters;
        p.Add(new NpgsqlParameter<string>("a", NpgsqlDbType.Varchar) { TypedValue = Authority });
        p.Add(new NpgsqlParameter<string>("s", NpgsqlDbType.Varchar) { TypedValue = append.StreamId });
        p.Add(new NpgsqlParameter<string>("t", NpgsqlDbType.Varchar) { TypedValue = append.StreamType });
        p.Add(new NpgsqlParameter<long?>("e", NpgsqlDbType.Bigint) { TypedValue = append.ExpectedVersion });
        p.Add(new NpgsqlParameter<string?>("h", NpgsqlDbType.Varchar) { TypedValue = context.RequestHash });
        p.Add(new NpgsqlParameter<Guid[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = events.Select(e => e.Id).ToArray() });
        var names = events.Select(e => Store.MartenTypeNames(e.Data)).ToArray();
        p.Add(new NpgsqlParameter<string[]>("types", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = names.Select(n => n.EventTypeName).ToArray() });
        p.Add(new NpgsqlParameter<string[]>("dotnet", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = names.Select(n => n.DotNetTypeName).ToArray() });
        p.Add(new NpgsqlParameter<string[]>("bodies", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { TypedValue = events.Select(e => serializer.ToJson(e.Data)).ToArray() });
        p.Add(new NpgsqlParameter<string?[]>("causation", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = events.Select(_ => context.CausationId).ToArray() });
        p.Add(new NpgsqlParameter<string?[]>("correlation", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = events.Select(_ => context.CorrelationId).ToArray() });
        p.Add(new NpgsqlParameter<string?[]>("headers", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { TypedValue = events.Select(e => Headers(serializer, e)).ToArray() });
        return cmd;
    }

    /// <summary>Our append metadata in Marten's headers column, serialized as Marten serializes
    /// <c>IEvent.Headers</c>; none: null, as Marten leaves an event without headers.</summary>
    private string? Headers(global::Marten.ISerializer serializer, PendingEvent pending)
    {
        var headers = new Dictionary<string, object>();
        if (pending.EffectiveDate is { } date) headers[MartenEvents.EffectiveDateHeader] = date.ToString("yyyy-MM-dd");
        if (context.ActingClient is { } client) headers[MartenEvents.ActingClientHeader] = client;
        if (context.RequestHash is { } hash) headers[MartenEvents.RequestHashHeader] = hash;
        return headers.Count == 0 ? null : serializer.ToJson(headers);
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
