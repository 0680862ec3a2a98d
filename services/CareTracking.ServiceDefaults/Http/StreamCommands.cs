using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// One command against one stream, as an endpoint describes it: how to fold the stream, what to decide, and
/// what to publish. <see cref="StreamCommands.HandleAsync{TState}"/> does the rest the same way everywhere.
/// </summary>
/// <param name="Decide">The pure decision on the folded state: the events to append (none when the command
/// repeats one already accepted), or a <see cref="Problems.RuleViolation"/>.</param>
/// <param name="Publish">Outbox messages for the appended events, given the state before them and the
/// events with their ids.</param>
/// <param name="EffectiveDate">When an event happened, stored beside it.</param>
/// <param name="AlsoStage">Further appends in the same transaction (e.g. a per-child index stream).</param>
public sealed record StreamCommand<TState>(
    string StreamType,
    string StreamId,
    Guid? EventId,
    Func<IReadOnlyList<StoredEvent>, TState> Fold,
    Func<TState, IReadOnlyList<object>> Decide,
    Func<object, DateOnly?> EffectiveDate,
    Func<TState, IReadOnlyList<(Guid Id, object Data)>, IEnumerable<OutboxMessage>>? Publish = null,
    Func<EventSession, TState, IReadOnlyList<(Guid Id, object Data)>, Task>? AlsoStage = null,
    string? Location = null);

public sealed record CommandAnswer(string StreamId, Guid? EventId, long Version, bool Appended);

public static class StreamCommands
{
    private const int AttemptsWithoutIfMatch = 3;

    /// <summary>
    /// Reads the stream, folds it, decides, and appends with the version it read (or the client's If-Match),
    /// with outbox messages in the same transaction. A retry with the same eventId answers as the first post
    /// did and appends nothing. Without If-Match a concurrent write is retried on the new state; with it, a
    /// stale version is a 412.
    /// </summary>
    public static async Task<IResult> HandleAsync<TState>(HttpContext http, DocumentStore store, StreamCommand<TState> command)
    {
        var ifMatch = http.Request.ExpectedVersion();
        var authority = http.User.Authority();
        var context = new AppendContext(
            CorrelationId: http.Request.Headers["X-Correlation-Id"].FirstOrDefault() ?? http.TraceIdentifier,
            CausationId: command.EventId?.ToString(),
            ActingClient: http.User.Client());

        for (var attempt = 1; ; attempt++)
        {
            var session = store.LightweightSession(authority, context);
            var stored = await session.Events.FetchStreamAsync(command.StreamId, http.RequestAborted);
            var version = stored.Count == 0 ? 0 : stored[^1].Version;

            if (command.EventId is { } retried && stored.FirstOrDefault(e => e.EventId == retried) is { } earlier)
                return Answer(http, command, new CommandAnswer(command.StreamId, retried, earlier.Version, Appended: true));

            if (ifMatch is { } expected && expected != version)
                throw new ConcurrencyException(authority, command.StreamId, expected, version);

            var state = command.Fold(stored);
            var decided = command.Decide(state);
            if (decided.Count == 0)
                return Answer(http, command, new CommandAnswer(command.StreamId, null, version, Appended: false));

            var firstId = command.EventId ?? Guid.CreateVersion7();
            var events = decided.Select((data, i) => (Id: i == 0 ? firstId : MessageIds.Derive(firstId, $"event-{i}"), Data: data)).ToList();
            session.Events.Append(command.StreamType, command.StreamId, ifMatch ?? version,
                events.Select(e => new PendingEvent(e.Data, e.Id, command.EffectiveDate(e.Data))).ToArray());
            foreach (var message in command.Publish?.Invoke(state, events) ?? [])
                session.Publish(message);
            if (command.AlsoStage is { } stage)
                await stage(session, state, events);

            try
            {
                var result = (await session.SaveChangesAsync(http.RequestAborted))[0];
                return Answer(http, command, new CommandAnswer(command.StreamId, firstId, result.Version, Appended: true));
            }
            catch (ConcurrencyException) when (ifMatch is null && attempt < AttemptsWithoutIfMatch)
            {
                // Another post to this stream landed between our read and our append: decide again on the new state.
            }
        }
    }

    private static IResult Answer<TState>(HttpContext http, StreamCommand<TState> command, CommandAnswer answer)
    {
        http.Response.SetVersion(answer.Version);
        return answer.Appended
            ? Results.Created(command.Location, answer)
            : Results.Ok(answer);
    }
}
