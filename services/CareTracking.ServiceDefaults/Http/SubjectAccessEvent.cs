namespace CareTracking.ServiceDefaults.Http;

/// <summary>One stored event of a child, as a subject-access export gives it: which service's stream, when, what.</summary>
public sealed record SubjectAccessEvent(string Service, string StreamId, long Version, string Type, DateTimeOffset RecordedAt, System.Text.Json.JsonElement Data);
