using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CareTracking.EventStore;

/// <summary>
/// A unit of work for one authority. Stage appends (<see cref="Events"/>), outbox messages and inbox marks,
/// then <see cref="SaveChangesAsync"/> writes them through Marten's session in one transaction and one round trip
/// (EventSession.Marten.cs): all commit or none do.
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
            var results = await SaveThroughMartenAsync(tx: null, token);
            foreach (var (streamType, count) in written)
                EventStoreTelemetry.Appended.Add(count, new KeyValuePair<string, object?>("stream_type", streamType));
            return results;
        }, ct);
    }

    /// <summary>Writes everything staged inside the caller's open transaction, without committing it (tests
    /// hold a save open this way).</summary>
    internal Task<IReadOnlyList<AppendResult>> SaveInTransactionAsync(NpgsqlTransaction tx, CancellationToken ct) =>
        SaveThroughMartenAsync(tx, ct);

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
