namespace CareTracking.ServiceDefaults.OpenApi;

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
