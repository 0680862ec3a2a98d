using CareTracking.EventStore;
using Microsoft.AspNetCore.Http;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// A service's stream of one child (docs/streams.md): its type, the id prefix that names the service, the initial
/// state, the fold and each event's effective date; and the post and the read every child-level endpoint does the
/// same way. Shared by the Reviews, Health and Leaving-care services, whose child routes differ only in their
/// deciders and views.
/// </summary>
/// <param name="StreamType">The stored stream type, e.g. health-child.</param>
/// <param name="Prefix">What a stream id starts with before the child id, e.g. health: (a child id never
/// holds a ':', <see cref="ChildIds"/>).</param>
public sealed record ChildStream<TState, TEvent>(
    string StreamType,
    string Prefix,
    TState Initial,
    Func<TState, TEvent, TState> Evolve,
    Func<TEvent, DateOnly> EffectiveDate)
    where TEvent : class
{
    public EventStream<TState, TEvent> Events { get; } =
        new(StreamType, Initial, (state, e) => Evolve(state, e.Data), e => EffectiveDate(e));

    public string IdOf(string childId) => Prefix + childId;

    public string ChildIdOf(string streamId) => streamId.StartsWith(Prefix, StringComparison.Ordinal) ? streamId[Prefix.Length..] : streamId;

    public TState Fold(IEnumerable<StoredEvent> stored) => Events.Fold(stored);

    public StreamCommand<TState, TEvent> Command(string childId, Guid? eventId, Func<TState, IReadOnlyList<TEvent>> decide) =>
        Events.Command(IdOf(childId), eventId, decide);

    /// <summary>A post about the child: the child id checked, then <see cref="StreamCommands.HandleAsync{TState, TEvent}"/>
    /// (eventId retry, If-Match, 201/200 with the version in ETag); <paramref name="location"/> is the child's read.</summary>
    public Task<IResult> HandleAsync(HttpContext http, DocumentStore store, string childId, Guid? eventId,
        Func<TState, IReadOnlyList<TEvent>> decide, string location)
    {
        ChildIds.Validate(childId);
        return StreamCommands.HandleAsync(http, store, Command(childId, eventId, decide) with { Location = location });
    }

    /// <summary>The child's folded stream, read by <see cref="ChildReads.StreamAsync"/> (audited as
    /// <paramref name="what"/>, 404 when the authority holds none, the version as ETag).</summary>
    public async Task<TState> ReadAsync(HttpContext http, DocumentStore store, ChildReadAudit audit, string childId, string what) =>
        Fold(await ChildReads.StreamAsync(http, store, audit, childId, IdOf(childId), what));
}
