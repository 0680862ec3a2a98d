using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// One command against one stream, as an endpoint or a consumer describes it: which stream (its typed home gives
/// the type, the fold and the effective dates), what to decide, and what to publish. <see cref="StreamCommands"/>
/// does the rest the same way everywhere.
/// </summary>
/// <param name="Decide">The pure decision on the folded state: the events to append (none when the command
/// repeats one already accepted) and what else they write, or a <see cref="Problems.RuleViolation"/>.</param>
/// <param name="Publish">Outbox messages for the appended events, given the state before them and the
/// events with their ids.</param>
/// <param name="Personal">Whose key seals the events' personal text (<see cref="Privacy.Sealing"/>): the stream is
/// opened before it is folded and the decided events sealed before they are stored. Null: stored as decided.</param>
public sealed record StreamCommand<TState, TEvent>(
    EventStream<TState, TEvent> Stream,
    string StreamId,
    Guid? EventId,
    Func<TState, Decision<TEvent>> Decide,
    Func<TState, IReadOnlyList<Recorded<TEvent>>, IEnumerable<OutboxMessage>>? Publish = null,
    string? Location = null,
    Privacy.PersonalData? Personal = null)
    where TEvent : class;
