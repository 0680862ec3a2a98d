using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// One command against one stream, as an endpoint or a consumer describes it: which stream (its typed home gives
/// the type, the fold and the effective dates), which other streams its decision needs, and what to decide.
/// <see cref="StreamCommands"/> does the rest the same way everywhere.
/// </summary>
/// <param name="Decide">The pure decision on the folded state, the other streams as read and the ids the events
/// will have: the events to append (none when the command repeats one already accepted) and all else they write,
/// or a <see cref="Problems.RuleViolation"/>.</param>
/// <param name="ReadFirst">Other streams the decision needs, read once each before the command's own stream: those
/// written with every write to it (a missing child's episode index and its episode), so that the command's stream,
/// read after, is at least as new and a retried eventId is found there rather than decided on again.</param>
/// <param name="AlsoRead">Other streams the decision may touch, given the folded state: read once each after the
/// command's own stream, before deciding. Null: none.</param>
/// <param name="Personal">Whose key seals the events' personal text (<see cref="Privacy.Sealing"/>): the stream is
/// opened before it is folded and the decided events sealed before they are stored. Null: stored as decided.</param>
public sealed record StreamCommand<TState, TEvent>(
    EventStream<TState, TEvent> Stream,
    string StreamId,
    Guid? EventId,
    Func<TState, ReadStreams, EventIds, Decision<TEvent>> Decide,
    IReadOnlyList<string>? ReadFirst = null,
    Func<TState, IEnumerable<string>>? AlsoRead = null,
    string? Location = null,
    Privacy.PersonalData? Personal = null)
    where TEvent : class;
