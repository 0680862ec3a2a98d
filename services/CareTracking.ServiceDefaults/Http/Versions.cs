using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>If-Match carries the stream version the client last read; ETag returns the version after a write.</summary>
public static class Versions
{
    /// <summary>The version in If-Match ("3" or W/"3"), or null when absent. A malformed value is a 400.</summary>
    public static long? ExpectedVersion(this HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var text = raw.Trim();
        if (text.StartsWith("W/")) text = text[2..];
        text = text.Trim('"');
        return long.TryParse(text, out var version) && version >= 0
            ? version
            : throw new Problems.RuleViolation("If-Match", "if-match.format", "If-Match must be the record's version as returned in ETag, e.g. \"3\".");
    }

    /// <summary>A stream's version as read: that of its last event, 0 when it has none.</summary>
    public static long Of(IReadOnlyList<EventStore.StoredEvent> stored) => stored.Count == 0 ? 0 : stored[^1].Version;

    public static void SetVersion(this HttpResponse response, long version) =>
        response.Headers[HeaderNames.ETag] = $"\"{version}\"";
}
