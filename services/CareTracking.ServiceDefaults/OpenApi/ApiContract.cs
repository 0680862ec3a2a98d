namespace CareTracking.ServiceDefaults.OpenApi;

/// <summary>
/// What a service tells its integrators beyond what the route table says (issue 13): for each operation its id,
/// summary and description, the body it answers with, the answers it can give besides the common ones, the typed
/// query parameters, and an example request that the service really accepts; and the code lists its fields take.
/// One class per service, found by <see cref="ContractFilters"/> in the service's own assembly, so the route
/// files stay as they are.
/// </summary>
public abstract class ApiContract
{
    public abstract IReadOnlyList<OperationDoc> Operations { get; }

    /// <summary>Fields whose value is a code from a list: the document shows them as enums with their meanings.</summary>
    public virtual IReadOnlyList<CodeField> CodeFields => [];
}

/// <summary>One operation. <paramref name="Route"/> is the route pattern as mapped, e.g.
/// "/api/children/{childId}/entered-care".</summary>
/// <param name="Order">Where the example stands in a case system's sequence: posts run in this order make
/// a valid history (the contract test posts them so).</param>
public sealed record OperationDoc(string Method, string Route, string OperationId, string Summary, string Description)
{
    /// <summary>A request body the service accepts as it stands (Swagger UI's "Try it out" sends it).</summary>
    public object? Example { get; init; }

    /// <summary>Path parameter values that go with <see cref="Example"/>.</summary>
    public IReadOnlyDictionary<string, string> PathExamples { get; init; } = new Dictionary<string, string>();

    /// <summary>The body of a 200 or 201 answer.</summary>
    public Type? Returns { get; init; }

    /// <summary>The media type of a 200 answer that is not JSON (a zip, a CSV).</summary>
    public IReadOnlyList<string> AlsoProduces { get; init; } = [];

    /// <summary>Answers beyond those every operation of its kind gives (e.g. 202 while held, 404 for an unknown record).</summary>
    public IReadOnlyList<int> AlsoAnswers { get; init; } = [];

    public IReadOnlyList<QueryDoc> Query { get; init; } = [];

    /// <summary>The record's version in ETag, and (on a write) an optional If-Match.</summary>
    public bool Versioned { get; init; }

    public int Order { get; init; }
}

public enum QueryKind { Text, Date, Integer, Boolean, Code }

/// <summary>A query parameter: read by hand in the route (so the route table shows it as text), typed here.</summary>
public sealed record QueryDoc(string Name, string Description, QueryKind Kind = QueryKind.Text)
{
    public IReadOnlyList<string> Values { get; init; } = [];
    public bool Required { get; init; }
    public int? Minimum { get; init; }
    public int? Maximum { get; init; }
    public string? Example { get; init; }
}

/// <summary>A code a field takes, what it means, and the dates it may be used on (inclusive; null: open-ended).</summary>
public sealed record CodeDoc(string Value, string? Meaning = null, DateOnly? ValidFrom = null, DateOnly? ValidUntil = null);

/// <summary>The property (as it is written in JSON) of a request or answer type that takes a code from a list.</summary>
public sealed record CodeField(Type Type, string Property, string ListName, IReadOnlyList<CodeDoc> Codes)
{
    public static CodeField Of<T>(string property, string listName, IEnumerable<CodeDoc> codes) => new(typeof(T), property, listName, codes.ToList());

    public static CodeField Of<T>(string property, string listName, params string[] codes) =>
        new(typeof(T), property, listName, codes.Select(c => new CodeDoc(c)).ToList());

    public static CodeField Of<T>(string property, string listName, IEnumerable<KeyValuePair<string, string>> meanings) =>
        new(typeof(T), property, listName, meanings.Select(m => new CodeDoc(m.Key, m.Value)).ToList());
}
