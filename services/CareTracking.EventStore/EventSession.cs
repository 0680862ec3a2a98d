using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CareTracking.EventStore;

/// <summary>
/// A unit of work for one authority. Stage appends (<see cref="Events"/>), outbox messages and inbox marks,
/// then <see cref="SaveChangesAsync"/> sends them as one batch in one implicit transaction: all commit or
/// none do.
/// </summary>
public sealed class EventSession(DocumentStore store, string authority, AppendContext context)
{
    private readonly List<StreamAppend> appends = [];
    private readonly List<OutboxMessage> outbox = [];
    private readonly List<(string Consumer, Guid MessageId)> inbox = [];
    private readonly List<(string Sql, Action<NpgsqlParameterCollection> Bind)> extraSql = [];

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
        var schema = Store.Schema;
        return await Store.Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await Store.DataSource.OpenConnectionAsync(token);
            await using var batch = new NpgsqlBatch(conn);
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
            try
            {
                await using var reader = await batch.ExecuteReaderAsync(token);
                await reader.NextResultAsync(token); // past the authority scope
                foreach (var append in appends)
                {
                    await reader.ReadAsync(token);
                    results.Add(new AppendResult(append.StreamId, reader.GetInt64(0), reader.GetBoolean(1)));
                    await reader.NextResultAsync(token);
                }
                while (await reader.NextResultAsync(token)) { }
            }
            catch (PostgresException e) when (e.SqlState == "CT001")
            {
                // Npgsql redacts Detail by default, so the actual version travels at the end of the message.
                var m = System.Text.RegularExpressions.Regex.Match(e.MessageText, @"^stream (.*) was expected at version \d+ but is at (\d+)$");
                var failed = appends.FirstOrDefault(a => a.StreamId == m.Groups[1].Value) ?? appends[0];
                throw new ConcurrencyException(Authority, failed.StreamId, failed.ExpectedVersion,
                    m.Success ? long.Parse(m.Groups[2].Value) : null);
            }
            catch (PostgresException e) when (e.SqlState == "CT002"
                || (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "ct_events" && e.ConstraintName?.Contains("event_id") == true))
            {
                // CT002: part of this append was stored before. The unique violation: an event id already stored
                // on another stream of the authority.
                throw new EventIdReusedException(appends.Count == 1 ? appends[0].StreamId : "(several)");
            }
            return (IReadOnlyList<AppendResult>)results;
        }, ct);
    }

    private NpgsqlBatchCommand AppendCommand(string schema, StreamAppend append)
    {
        var cmd = new NpgsqlBatchCommand(
            $"select new_version, duplicate from {schema}.ct_append(@a, @s, @t, @e, @ids, @types, @data, @eff, @corr, @cause, @client)");
        var p = cmd.Parameters;
        p.AddWithValue("a", Authority);
        p.AddWithValue("s", append.StreamId);
        p.AddWithValue("t", append.StreamType);
        p.Add(new NpgsqlParameter<long?>("e", NpgsqlDbType.Bigint) { TypedValue = append.ExpectedVersion });
        p.AddWithValue("ids", append.Events.Select(e => e.Id).ToArray());
        p.AddWithValue("types", append.Events.Select(e => Store.Types.StoredNameOf(e.Data.GetType())).ToArray());
        p.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = append.Events.Select(e => JsonSerializer.Serialize(e.Data, e.Data.GetType(), EventTypeRegistry.Json)).ToArray(),
        });
        p.Add(new NpgsqlParameter("eff", NpgsqlDbType.Array | NpgsqlDbType.Date)
        {
            Value = append.Events.Select(e => e.EffectiveDate is { } d ? (object)d : DBNull.Value).ToArray(),
        });
        p.Add(new NpgsqlParameter<string?>("corr", NpgsqlDbType.Text) { TypedValue = context.CorrelationId });
        p.Add(new NpgsqlParameter<string?>("cause", NpgsqlDbType.Text) { TypedValue = context.CausationId });
        p.Add(new NpgsqlParameter<string?>("client", NpgsqlDbType.Text) { TypedValue = context.ActingClient });
        return cmd;
    }

    private NpgsqlBatchCommand OutboxCommand(string schema, OutboxMessage message)
    {
        // on conflict: a retried append re-stages the same deterministic message ids and must add nothing.
        var cmd = new NpgsqlBatchCommand(
            $"""
            insert into {schema}.ct_outbox (message_id, source, authority, transport, message_type, destination, routing_key, body)
            values (@id, @src, @a, @tr, @type, @dest, @key, @body) on conflict (message_id) do nothing
            """);
        var p = cmd.Parameters;
        p.AddWithValue("id", message.MessageId);
        p.AddWithValue("src", Store.Options.Source);
        p.AddWithValue("a", Authority);
        p.AddWithValue("tr", message.Transport);
        p.AddWithValue("type", message.MessageType);
        p.Add(new NpgsqlParameter<string?>("dest", NpgsqlDbType.Text) { TypedValue = message.Destination });
        p.Add(new NpgsqlParameter<string?>("key", NpgsqlDbType.Text) { TypedValue = message.RoutingKey });
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
