using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Reads an instant only when it says both its time and its offset (issue 13). The default reader took
/// <c>"lastSeenAt": "2025-06-01"</c> as midnight UTC: an hour out in summer, and a "last seen" time nobody gave,
/// from which police alerts and missing durations are worked out. A date alone is a 400 naming the field.
/// </summary>
internal sealed partial class InstantConverter : JsonConverter<DateTimeOffset>
{
    public const string Expected = "an instant with its time and offset, e.g. 2025-07-01T09:00:00Z or 2025-07-01T10:00:00+01:00";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text && TryRead(text, out var instant))
            return instant;
        throw new JsonException($"The value is not {Expected}.");
    }

    /// <summary>The same rule for an instant in a query string (<see cref="Query.Instant"/>).</summary>
    public static bool TryRead(string text, out DateTimeOffset instant)
    {
        instant = default;
        return WithTimeAndOffset().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex WithTimeAndOffset();
}
