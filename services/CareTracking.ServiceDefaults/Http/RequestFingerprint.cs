using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// What a post said, reduced to a hash stored beside its events (issue 13): a retry with the same eventId and the
/// same request is a replay and appends nothing; the same eventId with another body or route is refused (409),
/// where it used to answer 201 and silently drop the second change. The hash is of the method, the path and the
/// body as canonical JSON (properties sorted, nulls left out, since "urn": null and no urn say the same), so a
/// client that re-serialises its retry differently is still recognised. It holds nothing readable about a child.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>Keeps a command's body readable after model binding, in memory (bodies are capped at 1 MB).</summary>
    public static Task Buffer(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method))
            http.Request.EnableBuffering(bufferThreshold: (int)InputLimits.MaxBodyBytes, bufferLimit: InputLimits.MaxBodyBytes);
        return next();
    }

    /// <summary>The request's fingerprint, or null when its body was not kept (no <see cref="Buffer"/>).</summary>
    public static async Task<string?> OfAsync(HttpContext http)
    {
        var body = http.Request.Body;
        if (!body.CanSeek) return null;
        body.Position = 0;
        using var reader = new StreamReader(body, Encoding.UTF8, leaveOpen: true);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        body.Position = 0;
        return Of(http.Request.Method, http.Request.Path.Value ?? "", text);
    }

    public static string Of(string method, string path, string body)
    {
        string canonical;
        try { canonical = Canonical(JsonNode.Parse(body))?.ToJsonString() ?? ""; }
        catch (JsonException) { canonical = body; }
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()} {path}\n{canonical}"));
        return Convert.ToHexStringLower(bytes);
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}
