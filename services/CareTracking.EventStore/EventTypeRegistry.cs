using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CareTracking.EventStore;

/// <summary>
/// Maps explicit stored names ("placements.child-entered-care.v1") to CLR types and back, and upcasts
/// older stored versions to the current shape on read.
/// </summary>
public sealed class EventTypeRegistry
{
    /// <summary>Web defaults (camelCase), strict on read: a stored event without a constructor parameter that is
    /// neither nullable nor has a default, or holding null where the type says it cannot be null, fails to read (naming
    /// the type and the property) instead of becoming an event with a default or a null nobody wrote. A nullable
    /// parameter may still be absent (read as null): the tolerant readers of other services' events rely on it.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireNonNullableParameters } },
    };

    // RespectRequiredConstructorParameters would require the nullable ones too. Types only ever written (an
    // anonymous type has no setters) are left alone.
    private static void RequireNonNullableParameters(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
            if (property.Set is not null && property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
                property.IsRequired = true;
    }

    private readonly Dictionary<string, Type> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> byType = new();
    private readonly Dictionary<string, (string To, Func<JsonObject, JsonObject> Transform)> upcasters = new(StringComparer.Ordinal);

    /// <summary>Registers every class in the assembly that carries <see cref="EventTypeAttribute"/>.</summary>
    public EventTypeRegistry RegisterAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
            if (type.GetCustomAttribute<EventTypeAttribute>() is { } attribute)
                Register(type, attribute.StoredName);
        return this;
    }

    public EventTypeRegistry Register<TEvent>() =>
        Register(typeof(TEvent), typeof(TEvent).GetCustomAttribute<EventTypeAttribute>()?.StoredName
            ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no [EventType] name."));

    private EventTypeRegistry Register(Type type, string storedName)
    {
        if (byName.TryGetValue(storedName, out var existing) && existing != type)
            throw new InvalidOperationException($"Stored event name '{storedName}' is claimed by both {existing.Name} and {type.Name}.");
        byName[storedName] = type;
        byType[type] = storedName;
        return this;
    }

    /// <summary>
    /// Declares how an older stored version becomes a newer one, e.g. from "x.v1" to "x.v2". Chains are
    /// followed until a registered type is reached.
    /// </summary>
    public EventTypeRegistry Upcast(string fromStoredName, string toStoredName, Func<JsonObject, JsonObject> transform)
    {
        upcasters[fromStoredName] = (toStoredName, transform);
        return this;
    }

    public string StoredNameOf(Type type) =>
        byType.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException($"{type.Name} is not a registered event type; give it [EventType] and register its assembly.");

    /// <summary>Every registered stored name with its CLR type (Marten maps each as its event type name).</summary>
    public IEnumerable<(string StoredName, Type Type)> Registered => byName.Select(x => (x.Key, x.Value));

    /// <summary>Every older stored name that an upcaster chain turns into a registered type, with that type.</summary>
    public IEnumerable<(string StoredName, Type Type)> UpcastSources =>
        upcasters.Keys.Select(name => (name, FinalType(name))).Where(x => x.Item2 is not null).Select(x => (x.name, x.Item2!));

    private Type? FinalType(string storedName)
    {
        var name = storedName;
        for (var hops = 0; !byName.ContainsKey(name); hops++)
            if (hops > 32 || !upcasters.TryGetValue(name, out var step)) return null;
            else name = step.To;
        return byName[name];
    }

    public bool IsKnown(string storedName) => byName.ContainsKey(storedName) || upcasters.ContainsKey(storedName);

    public JsonElement Serialize(object data) => JsonSerializer.SerializeToElement(data, data.GetType(), Json);

    /// <summary>Deserializes stored JSON, upcasting it first if it was stored under an older name.</summary>
    public object Deserialize(string storedName, string json)
    {
        if (byName.TryGetValue(storedName, out var type))
            return Read(storedName, type, () => JsonSerializer.Deserialize(json, type, Json))
                ?? throw new InvalidOperationException($"Stored event '{storedName}' holds null.");

        var name = storedName;
        var node = JsonNode.Parse(json)?.AsObject()
            ?? throw new InvalidOperationException($"Stored event '{storedName}' is not a JSON object.");
        for (var hops = 0; !byName.ContainsKey(name); hops++)
        {
            if (hops > 32 || !upcasters.TryGetValue(name, out var step))
                throw new UnknownEventTypeException(storedName);
            node = step.Transform(node);
            name = step.To;
        }
        return Read(storedName, byName[name], () => node.Deserialize(byName[name], Json))
            ?? throw new InvalidOperationException($"Upcast of '{storedName}' produced null.");
    }

    private static object? Read(string storedName, Type type, Func<object?> deserialize)
    {
        try
        {
            return deserialize();
        }
        catch (JsonException e)
        {
            throw new UnreadableStoredEventException(storedName, type, e);
        }
    }
}

/// <summary>
/// A stored event that does not read as its type: a required property missing, a null where none is allowed, a value
/// of the wrong kind. Reading stops here rather than giving a record with a default or null in place of what was never
/// written. The message names the stored name, the type and the serializer's reason (which names the property and its
/// path, never a value), so it may be logged: no child data is in it.
/// </summary>
public sealed class UnreadableStoredEventException(string storedName, Type type, JsonException inner)
    : Exception($"Stored event '{storedName}' does not read as {type.Name}: {Reason(inner)}", inner)
{
    public string StoredName { get; } = storedName;
    public Type EventType { get; } = type;

    // The serializer's message without its line and byte position, which mean nothing to a reader of a log.
    private static string Reason(JsonException e) => e.Message.Split(" | LineNumber:")[0];
}

public sealed class UnknownEventTypeException(string storedName)
    : Exception($"No event type or upcaster is registered for stored name '{storedName}'.")
{
    public string StoredName { get; } = storedName;
}
