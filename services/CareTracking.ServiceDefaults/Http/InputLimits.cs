using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Bounds on what a client may send (issue 10, items 7 and 10): a body over <see cref="MaxBodyBytes"/> is refused
/// with 413 before it is read, and any text field over <see cref="MaxTextLength"/> characters with 400 naming the
/// field. A free-text field is where a case worker types about people: a 200 KB "reason" naming an adult was
/// accepted and kept for ever in the event store.
/// </summary>
public static class InputLimits
{
    /// <summary>Bodies are single commands or a reference-data CSV; 1 MB is far above either.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The longest text any field may hold (codes, ids, references and reasons alike).</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Refuses a declared oversized body at once, and caps the rest where the server enforces it.</summary>
    public static async Task BodySize(HttpContext http, Func<Task> next)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
            throw new BadHttpRequestException($"The request body is over {MaxBodyBytes / 1024} KB.", StatusCodes.Status413PayloadTooLarge);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxBodyBytes;
        await next();
    }
}

/// <summary>A text field longer than <see cref="InputLimits.MaxTextLength"/>: a 400 naming the field.</summary>
public sealed class TextTooLongException() : JsonException($"Text fields hold at most {InputLimits.MaxTextLength} characters.");

/// <summary>Reads every JSON string of a request, refusing one over <see cref="InputLimits.MaxTextLength"/>
/// characters before it is turned into a .NET string, and one holding a NUL character (see <see cref="TextWithoutNul"/>).</summary>
internal sealed class BoundedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        // A UTF-8 character is at most 4 bytes and an escape at most 6: past that it is too long for sure.
        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (bytes > InputLimits.MaxTextLength * 6) throw new TextTooLongException();
        var text = reader.GetString();
        return text is { Length: > InputLimits.MaxTextLength } ? throw new TextTooLongException() : TextWithoutNul.Checked(text);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Headers on every answer: never cached (answers hold children's records), never sniffed as another
/// content type, no referrer; HSTS outside Development and Testing.</summary>
internal static class SecurityHeaders
{
    public static Task Add(HttpContext http, Func<Task> next, bool hsts)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!http.Request.Path.StartsWithSegments("/swagger") && !IsStaticFile(http))
                headers.CacheControl = "no-store";
            if (hsts) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return Task.CompletedTask;
        });
        return next();
    }

    private static bool IsStaticFile(HttpContext http) => http.GetEndpoint() is null && http.Response.ContentType is { } type && !type.Contains("json");
}
