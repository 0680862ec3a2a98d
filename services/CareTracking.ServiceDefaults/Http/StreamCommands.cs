using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace CareTracking.ServiceDefaults.Http;

public static class StreamCommands
{
    /// <summary>Without If-Match the race is the service's own (a consumer applying a care-period message to the
    /// same child, another post): it decides again on the new state rather than answering 409. Three attempts
    /// lost about 1 post in 800 under 8 parallel clients; ten, a moment apart, outlast any burst of messages.</summary>
    private const int AttemptsWithoutExpectedVersion = 10;
    /// <summary>Rounds of <see cref="RunAsync{TState, TEvent}"/> a consumer makes before a concurrency conflict goes to
    /// MassTransit's retry.</summary>
    private const int ConsumerConflictRounds = 5;

    /// <summary>The HTTP form: authority and client from the token, If-Match as the expected version, the
    /// answer as 201 (appended, or a retry of an append) or 200 (nothing to do) with the version in ETag.</summary>
    public static async Task<IResult> HandleAsync<TState, TEvent>(HttpContext http, DocumentStore store, StreamCommand<TState, TEvent> command)
        where TEvent : class
    {
        var context = new AppendContext(
            CorrelationId: Correlation.IdOf(http),
            CausationId: command.EventId?.ToString(),
            ActingClient: http.User.Client(),
            RequestHash: await RequestFingerprint.OfAsync(http));
        var answer = await RunAsync(store, http.User.Authority(), context, http.Request.ExpectedVersion(), command, http.RequestAborted);
        http.Response.SetVersion(answer.Version);
        return answer.Appended ? Results.Created(command.Location, answer) : Results.Ok(answer);
    }

    /// <summary>
    /// Reads the stream (and the other streams the command names, once each), folds it, decides, and appends with
    /// the version it read (or the expected version given), with all else the decision holds (other streams' appends,
    /// outbox messages, disclosure lines) in the same transaction. A retry with the same eventId answers as the
    /// first did and appends nothing. Without an expected version a concurrent write is retried on the new
    /// state; with one, a stale version is a <see cref="ConcurrencyException"/>.
    /// </summary>
    public static async Task<CommandAnswer> RunAsync<TState, TEvent>(DocumentStore store, string authority, AppendContext context,
        long? expectedVersion, StreamCommand<TState, TEvent> command, CancellationToken ct)
        where TEvent : class =>
        (await RunAsync(store, authority, context, expectedVersion, command, markHandled: null, withState: false, ct)).Answer;

    /// <summary><see cref="RunAsync{TState, TEvent}(DocumentStore, string, AppendContext, long?, StreamCommand{TState, TEvent}, CancellationToken)"/>,
    /// also giving the state the command left the stream in (as read, for a retry or nothing to do), so the caller
    /// need not read the stream again to answer.</summary>
    /// <param name="read">The stream as the caller already read it in this request (a command that had to read it to
    /// find its child), taken for the first attempt instead of reading it again; a conflict reads it afresh.</param>
    public static Task<(CommandAnswer Answer, TState State)> RunWithStateAsync<TState, TEvent>(DocumentStore store, string authority,
        AppendContext context, long? expectedVersion, StreamCommand<TState, TEvent> command, CancellationToken ct,
        IReadOnlyList<StoredEvent>? read = null)
        where TEvent : class =>
        RunAsync(store, authority, context, expectedVersion, command, markHandled: null, withState: true, ct, read);

    /// <param name="markHandled">The inbox mark of <see cref="ConsumeOnceAsync{TState, TEvent}"/>, staged with the events.</param>
    /// <param name="withState">Fold a retried command's stream for its state too (otherwise a retry answers without folding).</param>
    private static async Task<(CommandAnswer Answer, TState State)> RunAsync<TState, TEvent>(DocumentStore store, string authority,
        AppendContext context, long? expectedVersion, StreamCommand<TState, TEvent> command, Action<EventSession>? markHandled, bool withState,
        CancellationToken ct, IReadOnlyList<StoredEvent>? read = null)
        where TEvent : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var session = store.LightweightSession(authority, context);
            var readFirst = await ReadAsync(session, command.ReadFirst ?? [], already: null, ct);
            var stored = attempt == 1 && read is not null ? read : await session.Events.FetchStreamAsync(command.StreamId, ct);
            var version = stored.Count == 0 ? 0 : stored[^1].Version;

            if (command.EventId is { } retried && stored.FirstOrDefault(e => e.EventId == retried) is { } earlier)
            {
                // Events stored before fingerprints were kept carry none: those retries are taken as replays.
                if (context.RequestHash is { } hash && earlier.RequestHash is { } first && first != hash)
                    throw new EventIdReusedException(command.StreamId, earlier.RecordedAt);
                return (new CommandAnswer(command.StreamId, retried, earlier.Version, Appended: true, Replay: true),
                    withState ? await FoldAsync(store, authority, command, stored, ct) : default!);
            }

            if (expectedVersion is { } expected && expected != version)
                throw new ConcurrencyException(authority, command.StreamId, expected, version);

            var state = await FoldAsync(store, authority, command, stored, ct);
            var others = new ReadStreams(await ReadAsync(session, command.AlsoRead?.Invoke(state) ?? [], readFirst, ct));
            // The ids are chosen before deciding, so the decision can name them (another stream's events, alerts).
            var ids = new EventIds(command.EventId ?? Guid.CreateVersion7());
            var decision = command.Decide(state, others, ids);
            if (decision.Events.Count == 0)
                return (new CommandAnswer(command.StreamId, null, version, Appended: false), state);

            var events = ids.Recorded(decision.Events);
            // Only the store gets the sealed text; what is published and staged with it is decided on plain text.
            var storedData = command.Personal is { } owner ? await Privacy.Sealing.SealAsync(owner, store, authority, decision.Events, ct) : decision.Events;
            session.Events.Append(command.Stream.Type, command.StreamId, expectedVersion ?? version,
                events.Select((e, i) => new PendingEvent(storedData[i], e.Id, command.Stream.EffectiveDate(e.Data))).ToArray());
            Stage(session, decision);
            markHandled?.Invoke(session);

            try
            {
                var result = (await session.SaveChangesAsync(ct))[0];
                return (new CommandAnswer(command.StreamId, ids.First, result.Version, Appended: true, Replay: result.WasDuplicate),
                    events.Aggregate(state, command.Stream.Evolve));
            }
            catch (ConcurrencyException) when (expectedVersion is null && attempt < AttemptsWithoutExpectedVersion)
            {
                // Another write to this stream landed between our read and our append: decide again on the new
                // state, after a short pause spread so the racers do not collide again at once.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), ct);
            }
        }
    }

    /// <summary>
    /// The consumer form: applies an integration message to a stream at most once. The inbox mark commits with
    /// the events, so a redelivered message (same MessageId) changes nothing. The event id derives from the
    /// message id, so even a redelivery racing the first delivery appends once.
    /// </summary>
    public static async Task ConsumeOnceAsync<TState, TEvent>(DocumentStore store, string consumer, Guid messageId, string authority,
        StreamCommand<TState, TEvent> command, CancellationToken ct)
        where TEvent : class
    {
        if (await store.HasHandledAsync(consumer, messageId, ct)) return;
        var once = command with { EventId = command.EventId ?? MessageIds.Derive(messageId, consumer) };
        for (var round = 1; ; round++)
        {
            try
            {
                var (answer, _) = await RunAsync(store, authority, new AppendContext(messageId.ToString(), messageId.ToString(), consumer), null, once,
                    session => session.MarkHandled(consumer, messageId), withState: false, ct);
                if (!answer.Appended || answer.EventId is null) await MarkHandledAlone(store, authority, consumer, messageId, ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "ct_inbox")
            {
                // A concurrent delivery of the same message won; nothing more to do.
                return;
            }
            catch (ConcurrencyException) when (round < ConsumerConflictRounds)
            {
                // A burst of writes to the same child outlasted RunAsync's own retries. Losing such a race is
                // routine, not a fault: retried here after a longer pause, so it never reaches MassTransit's retry,
                // which logs every retry as a Warning with the stack trace.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 150) * round), ct);
            }
        }
    }

    /// <summary>The streams not yet read in this attempt, each read once, added to those that were.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<StoredEvent>>> ReadAsync(EventSession session, IEnumerable<string> streamIds,
        IReadOnlyDictionary<string, IReadOnlyList<StoredEvent>>? already, CancellationToken ct)
    {
        var read = already is null ? [] : new Dictionary<string, IReadOnlyList<StoredEvent>>(already);
        foreach (var streamId in streamIds)
            if (!read.ContainsKey(streamId))
                read[streamId] = await session.Events.FetchStreamAsync(streamId, ct);
        return read;
    }

    /// <summary>What the decision writes besides the command stream's events, staged in the same session: the other
    /// streams' appends at the versions read, then the outbox messages and the disclosure log lines.</summary>
    private static void Stage<TEvent>(EventSession session, Decision<TEvent> decision)
        where TEvent : class
    {
        foreach (var append in decision.Appends)
            session.Events.Append(append.StreamType, append.StreamId, append.ExpectedVersion, [.. append.Events]);
        foreach (var message in decision.Messages)
            session.Publish(message);
        foreach (var disclosure in decision.Disclosures)
            disclosure.StageIn(session);
    }

    private static async Task<TState> FoldAsync<TState, TEvent>(DocumentStore store, string authority, StreamCommand<TState, TEvent> command,
        IReadOnlyList<StoredEvent> stored, CancellationToken ct)
        where TEvent : class
    {
        if (command.Personal is { } personal)
            stored = await Privacy.Sealing.OpenAsync(personal.Keys, store, authority, stored, ct);
        return command.Stream.Fold(stored);
    }

    private static async Task MarkHandledAlone(DocumentStore store, string authority, string consumer, Guid messageId, CancellationToken ct)
    {
        if (await store.HasHandledAsync(consumer, messageId, ct)) return;
        var session = store.LightweightSession(authority);
        session.MarkHandled(consumer, messageId);
        try { await session.SaveChangesAsync(ct); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation) { }
    }
}
