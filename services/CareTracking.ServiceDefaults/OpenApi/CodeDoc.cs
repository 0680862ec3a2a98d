namespace CareTracking.ServiceDefaults.OpenApi;

/// <summary>A code a field takes, what it means, and the dates it may be used on (inclusive; null: open-ended).</summary>
public sealed record CodeDoc(string Value, string? Meaning = null, DateOnly? ValidFrom = null, DateOnly? ValidUntil = null);
