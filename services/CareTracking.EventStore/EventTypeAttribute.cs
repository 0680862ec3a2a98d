namespace CareTracking.EventStore;

/// <summary>
/// The explicit, versioned name an event is stored under, e.g. <c>[EventType("placements.child-entered-care", 1)]</c>
/// is stored as "placements.child-entered-care.v1". Never the CLR type name, so classes can be renamed or
/// moved without breaking stored history. An older version is turned into the current one by an upcaster.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name, int version) : Attribute
{
    public string Name { get; } = name;
    public int Version { get; } = version;
    public string StoredName => $"{Name}.v{Version}";
}
