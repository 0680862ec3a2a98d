namespace CareTracking.ServiceDefaults.OpenApi;

/// <summary>A query parameter: read by hand in the route (so the route table shows it as text), typed here.</summary>
public sealed record QueryDoc(string Name, string Description, QueryKind Kind = QueryKind.Text)
{
    public IReadOnlyList<string> Values { get; init; } = [];
    public bool Required { get; init; }
    public int? Minimum { get; init; }
    public int? Maximum { get; init; }
    public string? Example { get; init; }
}
