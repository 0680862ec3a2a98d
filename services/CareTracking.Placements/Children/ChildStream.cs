using CareTracking.ServiceDefaults.Http;

namespace CareTracking.Placements.Children;

/// <summary>The Placements stream of a child (docs/streams.md): type child, id the child id itself (the first
/// service's streams were named before the others took a prefix). Its events are <see cref="ChildEvent"/>s, each
/// effective on its own date.</summary>
public static class ChildStream
{
    public static readonly EventStream<Child, ChildEvent> Events =
        new("child", Child.None, (child, e) => Child.Evolve(child, new RecordedEvent(e.Id, e.Data)), e => e.Date);

    public static string IdOf(string childId) => childId;
}
