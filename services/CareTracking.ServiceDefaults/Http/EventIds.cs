using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// The ids a command's events will be stored under, chosen by <see cref="StreamCommands"/> before it decides (the
/// client's eventId, or a new one) so that a decision can name them: an alert's id, or another stream's event id,
/// derives from them. Every other id derives from <see cref="First"/> by name, so a retry of the same post gives
/// the same ids.
/// </summary>
public readonly record struct EventIds(Guid First)
{
    /// <summary>The id of the command stream's event at <paramref name="index"/> in the decision: the first, then
    /// "event-{index}" derived from it.</summary>
    public Guid Of(int index) => index == 0 ? First : Derive($"event-{index}");

    /// <summary>An id derived from the first by name (e.g. "missing-child-0" for another stream's first event).</summary>
    public Guid Derive(string name) => MessageIds.Derive(First, name);

    /// <summary>The command stream's events with the ids <see cref="Of"/> gives them.</summary>
    public IReadOnlyList<Recorded<TEvent>> Recorded<TEvent>(IReadOnlyList<TEvent> events)
        where TEvent : class
    {
        var ids = this;
        return [.. events.Select((e, i) => new Recorded<TEvent>(ids.Of(i), e))];
    }
}
