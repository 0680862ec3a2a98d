using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Privacy;

/// <summary>Whose key seals a command's personal text: the child the stream belongs to.</summary>
public sealed record PersonalData(ChildDataKeys Keys, string ChildId);

/// <summary>
/// Seals and opens the <see cref="PersonalTextAttribute"/> properties of events. <see cref="Http.StreamCommands"/> seals
/// what a decision appends (the decider and the outbox see plain text, the store only sealed) and opens a stream
/// before folding it, so deciders compare text as before; read endpoints open before they answer. Events are
/// immutable records: each is copied with its sealed or opened values, never changed in place.
/// </summary>
public static class Sealing
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PersonalProperties = new();

    private static PropertyInfo[] PersonalOf(Type type) => PersonalProperties.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.CanWrite && p.GetCustomAttribute<PersonalTextAttribute>() is not null)
            .ToArray());

    public static bool HasPersonalText(object data) => PersonalOf(data.GetType()).Any(p => p.GetValue(data) is string);

    /// <summary>The events with their personal text sealed under the child's key (made on first use); text for a
    /// child whose key is erased is stored erased. Events without personal text are returned as they are, and no
    /// key is made for them.</summary>
    public static async Task<IReadOnlyList<object>> SealAsync(PersonalData personal, DocumentStore store, string authority,
        IReadOnlyList<object> events, CancellationToken ct)
    {
        if (!events.Any(HasPersonalText)) return events;
        var key = await personal.Keys.ForSealingAsync(store, authority, personal.ChildId, ct);
        return events.Select(e => Rewrite(e, text => SealedText.IsSealed(text) ? text
            : key is { } k ? SealedText.Seal(authority, k.KeyId, k.Key, text) : SealedText.ErasedMarker)).ToList();
    }

    /// <summary>The stream with its personal text opened for <paramref name="authority"/>; text whose key is erased
    /// (or is not this authority's) reads <see cref="SealedText.Erased"/>.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> OpenAsync(ChildDataKeys keys, DocumentStore store, string authority,
        IReadOnlyList<StoredEvent> stored, CancellationToken ct)
    {
        if (!stored.Any(e => PersonalOf(e.Data.GetType()).Any(p => SealedText.IsSealed(p.GetValue(e.Data) as string))))
            return stored;
        var keyIds = stored.SelectMany(e => PersonalOf(e.Data.GetType()).Select(p => SealedText.KeyOf(p.GetValue(e.Data) as string)))
            .OfType<Guid>().ToHashSet();
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

    /// <summary>A copy of the record with each non-null personal property passed through <paramref name="change"/>
    /// (the compiler's own copy method, then the init setter, as a <c>with</c> expression does).</summary>
    private static object Rewrite(object data, Func<string, string> change)
    {
        var properties = PersonalOf(data.GetType());
        if (!properties.Any(p => p.GetValue(data) is string)) return data;
        var clone = Clones.GetOrAdd(data.GetType(), t => t.GetMethod("<Clone>$")
            ?? throw new InvalidOperationException($"{t.Name} has personal text but is not a record.")).Invoke(data, null)!;
        foreach (var p in properties)
            if (p.GetValue(data) is string text) p.SetValue(clone, change(text));
        return clone;
    }
}
