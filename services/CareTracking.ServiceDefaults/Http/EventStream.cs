using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>An event of a stream with the id it was stored under (a retraction or a derived id names it).</summary>
public readonly record struct Recorded<TEvent>(Guid Id, TEvent Data)
    where TEvent : class
{
    /// <summary>The stored events as this stream's events: the one place stored data is taken as a
    /// <typeparamref name="TEvent"/> (the store's type registry decided the type when it read them).</summary>
    public static IReadOnlyList<Recorded<TEvent>> Of(IEnumerable<StoredEvent> stored) =>
        [.. stored.Select(e => new Recorded<TEvent>(e.EventId, (TEvent)e.Data))];
}

/// <summary>
/// A stream's typed home (docs/streams.md): its stored type, its events (<typeparamref name="TEvent"/>, a closed
/// hierarchy), the state before any event, how each event changes it, and the date each event happened.
/// </summary>
public sealed record EventStream<TState, TEvent>(
    string Type,
    TState Initial,
    Func<TState, Recorded<TEvent>, TState> Evolve,
    Func<TEvent, DateOnly?> EffectiveDate)
    where TEvent : class
{
    public TState Fold(IEnumerable<Recorded<TEvent>> events) => events.Aggregate(Initial, Evolve);

    public TState Fold(IEnumerable<StoredEvent> stored) => Fold(Recorded<TEvent>.Of(stored));

    /// <summary>A command whose decision touches this stream only.</summary>
    public StreamCommand<TState, TEvent> Command(string streamId, Guid? eventId, Func<TState, IReadOnlyList<TEvent>> decide) =>
        new(this, streamId, eventId, (state, _, _) => new Decision<TEvent>(decide(state)));

    /// <summary>A command whose decision may touch other streams (read first, <see cref="StreamCommand{TState, TEvent}.AlsoRead"/>)
    /// or name the ids its events will have.</summary>
    public StreamCommand<TState, TEvent> Command(string streamId, Guid? eventId, Func<TState, ReadStreams, EventIds, Decision<TEvent>> decide) =>
        new(this, streamId, eventId, decide);
}
