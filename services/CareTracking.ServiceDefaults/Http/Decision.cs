using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// What a decider decided: the events for the command's stream and, when it touches more than one stream, what
/// else commits in the same transaction once those events have their ids.
/// </summary>
/// <param name="AlsoWrite">Appends to the other streams the decision touches, and their outbox messages, given the
/// command's events with their ids (the other events' ids derive from them). Null: the command's stream only.</param>
public sealed record Decision<TEvent>(
    IReadOnlyList<TEvent> Events,
    Func<EventSession, IReadOnlyList<Recorded<TEvent>>, CancellationToken, Task>? AlsoWrite = null)
    where TEvent : class;
