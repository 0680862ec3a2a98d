using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Refuses a NUL character (\u0000) in any text of a request body: PostgreSQL's jsonb and text cannot store it,
/// so it used to reach the append and answer 500. Now it is a 400 naming the field.
/// </summary>
public sealed class TextWithoutNul : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    // One string converter applies per type, so BoundedStringConverter calls this check too.
    internal static string? Checked(string? text) =>
        text is not null && text.Contains('\0')
            ? throw new JsonException("Text must not contain the NUL character (\\u0000).")
            : text;
}
