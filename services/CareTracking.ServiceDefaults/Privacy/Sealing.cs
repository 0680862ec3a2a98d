using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Privacy;

/// <summary>Whose key seals a command's personal text: the child the stream belongs to.</summary>
public sealed record PersonalData(ChildDataKeys Keys, string ChildId);

/// <summary>
/// Seals and opens the <see cref="PersonalTextAttribute"/> properties of events and of the records they hold. <see cref="Http.StreamCommands"/> seals
/// what a decision appends (the decider and the outbox see plain text, the store only sealed) and opens a stream
/// before folding it, so deciders compare text as before; read endpoints open before they answer. Events are
/// immutable records: each is copied with its sealed or opened values, never changed in place.
/// </summary>
public static class Sealing
{
    /// <summary>A type's personal text: its own marked string properties, and its properties holding records that have
    /// some (a placement's postcode inside the event that moved the child).</summary>
    private sealed record PersonalShape(PropertyInfo[] Texts, PropertyInfo[] Nested)
    {
        public bool IsEmpty => Texts.Length == 0 && Nested.Length == 0;
    }

    private static readonly ConcurrentDictionary<Type, PersonalShape> Shapes = new();

    private static PersonalShape ShapeOf(Type type) => Shapes.TryGetValue(type, out var known) ? known : Shapes.GetOrAdd(type, Build(type, []));

    private static PersonalShape Build(Type type, HashSet<Type> visiting)
    {
        if (!visiting.Add(type)) return new PersonalShape([], []);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0).ToArray();
        var texts = properties.Where(p => p.PropertyType == typeof(string) && p.GetCustomAttribute<PersonalTextAttribute>() is not null).ToArray();
        var nested = properties.Where(p => IsRecord(p.PropertyType) && !Build(p.PropertyType, visiting).IsEmpty).ToArray();
        visiting.Remove(type);
        return new PersonalShape(texts, nested);
    }

    private static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && type.GetMethod("<Clone>$") is not null;

    /// <summary>Every personal text value of an event, nested records' too.</summary>
    private static IEnumerable<string> TextsOf(object data)
    {
        var shape = ShapeOf(data.GetType());
        foreach (var p in shape.Texts)
            if (p.GetValue(data) is string text) yield return text;
        foreach (var p in shape.Nested)
            if (p.GetValue(data) is { } inner)
                foreach (var text in TextsOf(inner)) yield return text;
    }

    public static bool HasPersonalText(object data) => TextsOf(data).Any();

    /// <summary>The events with their personal text sealed under the child's key (made on first use); text for a
    /// child whose key is erased is stored erased. Events without personal text are returned as they are, and no
    /// key is made for them.</summary>
    public static async Task<IReadOnlyList<object>> SealAsync(PersonalData personal, DocumentStore store, string authority,
        IReadOnlyList<object> events, CancellationToken ct)
    {
        if (!events.Any(HasPersonalText)) return events;
        var key = await personal.Keys.ForSealingAsync(store, authority, personal.ChildId, ct);
        return events.Select(e => Rewrite(e, text => SealOne(authority, key, text))).ToList();
    }

    /// <summary>One personal text value as <see cref="SealAsync"/> stores it: sealed under the child's key
    /// (<see cref="ChildDataKeys.ForSealingAsync"/>), the erased marker when that key is erased (null), and a value
    /// sealed already as it is. Shared with the re-sealing job (tools/CareTracking.Reseal).</summary>
    public static string SealOne(string authority, (Guid KeyId, byte[] Key)? key, string text) =>
        SealedText.IsSealed(text) ? text : key is { } k ? SealedText.Seal(authority, k.KeyId, k.Key, text) : SealedText.ErasedMarker;

    /// <summary>Where an event type's personal text is in its stored JSON: each path a chain of property names, nested
    /// records' too (<c>["placement", "postcode"]</c>), named by <paramref name="naming"/> (the event store's camelCase)
    /// unless a property names itself. The same properties <see cref="SealAsync"/> seals; empty for a type without.</summary>
    public static IReadOnlyList<string[]> PersonalTextPaths(Type type, System.Text.Json.JsonNamingPolicy? naming)
    {
        string NameOf(PropertyInfo p) =>
            p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? naming?.ConvertName(p.Name) ?? p.Name;
        var shape = ShapeOf(type);
        return [.. shape.Texts.Select(p => new[] { NameOf(p) }),
            .. shape.Nested.SelectMany(p => PersonalTextPaths(p.PropertyType, naming).Select(inner => (string[])[NameOf(p), .. inner]))];
    }

    /// <summary>The stream with its personal text opened for <paramref name="authority"/>; text whose key is erased
    /// (or is not this authority's) reads <see cref="SealedText.Erased"/>.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> OpenAsync(ChildDataKeys keys, DocumentStore store, string authority,
        IReadOnlyList<StoredEvent> stored, CancellationToken ct)
    {
        if (!stored.Any(e => TextsOf(e.Data).Any(SealedText.IsSealed)))
            return stored;
        var keyIds = stored.SelectMany(e => TextsOf(e.Data).Select(SealedText.KeyOf)).OfType<Guid>().ToHashSet();
        var opened = await keys.ForOpeningAsync(store, authority, keyIds, ct);
        return stored.Select(e => HasPersonalText(e.Data)
            ? e with { Data = Rewrite(e.Data, text => SealedText.Open(authority, text, SealedText.KeyOf(text) is { } id ? opened.GetValueOrDefault(id) : null)) }
            : e).ToList();
    }

    /// <summary>Opens every sealed string anywhere in a JSON tree (the subject-access export, which gives events as
    /// stored), in place.</summary>
    public static async Task OpenJsonAsync(ChildDataKeys keys, DocumentStore store, string authority, IReadOnlyList<JsonNode?> nodes, CancellationToken ct)
    {
        var found = new List<JsonValue>();
        foreach (var node in nodes) Collect(node, found);
        if (found.Count == 0) return;
        var opened = await keys.ForOpeningAsync(store, authority, found.Select(v => SealedText.KeyOf(v.GetValue<string>())).OfType<Guid>().ToHashSet(), ct);
        foreach (var value in found)
        {
            var text = value.GetValue<string>();
            var open = SealedText.Open(authority, text, SealedText.KeyOf(text) is { } id ? opened.GetValueOrDefault(id) : null);
            switch (value.Parent)
            {
                case JsonObject o: o[value.GetPropertyName()] = open; break;
                case JsonArray a: a[value.GetElementIndex()] = open; break;
            }
        }
    }

    private static void Collect(JsonNode? node, List<JsonValue> found)
    {
        switch (node)
        {
            case JsonObject o: foreach (var (_, child) in o) Collect(child, found); break;
            case JsonArray a: foreach (var child in a) Collect(child, found); break;
            case JsonValue v when v.TryGetValue<string>(out var s) && SealedText.IsSealed(s): found.Add(v); break;
        }
    }

    private static readonly ConcurrentDictionary<Type, MethodInfo> Clones = new();

    /// <summary>A copy of the record with each non-null personal property passed through <paramref name="change"/>,
    /// nested records copied the same way (the compiler's own copy method, then the init setter, as a <c>with</c>
    /// expression does). A record without personal text is returned as it is.</summary>
    private static object Rewrite(object data, Func<string, string> change)
    {
        if (!HasPersonalText(data)) return data;
        var shape = ShapeOf(data.GetType());
        var clone = Clones.GetOrAdd(data.GetType(), t => t.GetMethod("<Clone>$")
            ?? throw new InvalidOperationException($"{t.Name} has personal text but is not a record.")).Invoke(data, null)!;
        foreach (var p in shape.Texts)
            if (p.GetValue(data) is string text) p.SetValue(clone, change(text));
        foreach (var p in shape.Nested)
            if (p.GetValue(data) is { } inner) p.SetValue(clone, Rewrite(inner, change));
        return clone;
    }
}
