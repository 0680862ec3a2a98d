using System.Text.Json;
using CareTracking.MissingEpisodes.Police;

namespace CareTracking.MissingEpisodes.Tests.Police;

public class PoliceAlertJsonTests
{
    static readonly string[] AllowedFields =
    [
        "alertId", "kind", "authority", "childRef", "episodeId", "ageYears", "sex", "placementArea", "riskLevel",
        "lastSeenAt", "returnedAt", "exploitationRisk", "incidentsLast30Days", "incidentsLast90Days", "policeReference",
    ];

    static readonly PoliceAlert Alert = new(
        new Guid("11111111-2222-5333-8444-555555555555"), "returned", "831", "C1234",
        new Guid("00000000-0000-0000-0000-0000000000e1"), 14, "F", "DE", "high",
        new DateTimeOffset(2025, 3, 8, 21, 30, 0, TimeSpan.Zero), null,
        new PoliceAlertExploitationRisk(Criminal: true, Sexual: false), 3, 4, null);

    static JsonElement Serialized(JsonSerializerOptions options) =>
        JsonDocument.Parse(JsonSerializer.Serialize(Alert, options)).RootElement;

    [Fact]
    public void the_alert_json_has_exactly_the_allowed_fields()
    {
        var json = Serialized(new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(AllowedFields, json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["criminal", "sexual"], json.GetProperty("exploitationRisk").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void the_field_names_do_not_depend_on_the_serializer_naming_policy() =>
        Assert.Equal(AllowedFields, Serialized(new JsonSerializerOptions()).EnumerateObject().Select(p => p.Name));

    [Fact]
    public void the_alert_json_reads_as_plain_values()
    {
        var json = Serialized(new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(
            ("11111111-2222-5333-8444-555555555555", "2025-03-08T21:30:00+00:00", JsonValueKind.Null, 14, true),
            (json.GetProperty("alertId").GetString(), json.GetProperty("lastSeenAt").GetString(),
                json.GetProperty("returnedAt").ValueKind, json.GetProperty("ageYears").GetInt32(),
                json.GetProperty("exploitationRisk").GetProperty("criminal").GetBoolean()));
    }

    [Fact]
    public void the_published_schema_lists_the_same_fields_and_allows_no_others()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "police-missing-alert.schema.json")));
        var root = schema.RootElement;

        Assert.Equal(AllowedFields, root.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(AllowedFields, root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
    }
}
