using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareTracking.MissingEpisodes.Police;

namespace CareTracking.MissingEpisodes.Tests.Police;

/// <summary>
/// contracts/police-missing-alert.asyncapi.json, the feed's AsyncAPI 3 document, describes what the service
/// publishes: the exchange and message type the code uses, the JSON schema beside it as the payload, and an
/// example that the schema accepts and the alert record reads.
/// </summary>
public class PoliceAlertAsyncApiTests
{
    static JsonNode Document => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "police-missing-alert.asyncapi.json")))!;
    static JsonNode Schema => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "police-missing-alert.schema.json")))!;

    [Fact]
    public void it_is_an_asyncapi_3_document_of_the_exchange_and_message_type_the_service_publishes()
    {
        var document = Document;
        Assert.Equal("3.0.0", (string?)document["asyncapi"]);
        var channel = document["channels"]!["forceAlerts"]!;
        Assert.Equal(PoliceAlerts.Exchange, (string?)channel["bindings"]!["amqp"]!["exchange"]!["name"]);
        Assert.Equal("topic", (string?)channel["bindings"]!["amqp"]!["exchange"]!["type"]);
        var message = document["components"]!["messages"]!["policeMissingAlert"]!;
        Assert.Equal(PoliceAlerts.MessageType, (string?)message["name"]);
        Assert.Equal(PoliceAlerts.MessageType, (string?)message["bindings"]!["amqp"]!["messageType"]);
        var operation = document["operations"]!["sendPoliceMissingAlert"]!;
        Assert.Equal("send", (string?)operation["action"]);
        Assert.Equal("#/channels/forceAlerts", (string?)operation["channel"]!["$ref"]);
        // Every internal reference leads somewhere.
        foreach (var reference in References(document).Where(r => r.StartsWith('#')))
            Assert.NotNull(Resolve(document, reference));
    }

    [Fact]
    public void its_payload_is_the_json_schema_beside_it()
    {
        var payload = Document["components"]!["messages"]!["policeMissingAlert"]!["payload"]!;
        Assert.Equal("police-missing-alert.schema.json", (string?)payload["schema"]!["$ref"]);
        Assert.StartsWith("application/schema+json", (string?)payload["schemaFormat"]);
        Assert.Equal("https://caretracking.example/contracts/police-missing-alert.schema.json", (string?)Schema["$id"]);
    }

    /// <summary>A force's tooling reads the schema by the draft the document names: the two must agree.
    /// draft-07 is the JSON Schema version every AsyncAPI 3.0 tool must support.</summary>
    [Fact]
    public void the_payload_format_names_the_draft_the_schema_file_declares()
    {
        var payload = Document["components"]!["messages"]!["policeMissingAlert"]!["payload"]!;
        Assert.Equal("application/schema+json;version=draft-07", (string?)payload["schemaFormat"]);
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)Schema["$schema"]);
    }

    [Fact]
    public void its_example_is_accepted_by_the_schema_and_read_by_the_alert_record()
    {
        var example = Document["components"]!["messages"]!["policeMissingAlert"]!["examples"]![0]!["payload"]!;
        var errors = new List<string>();
        Validate(example, Schema, "$", errors);
        Assert.Empty(errors);

        var alert = JsonSerializer.Deserialize<PoliceAlert>(example.ToJsonString(), new JsonSerializerOptions { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow })!;
        Assert.Equal(("reported", "high", true), (alert.Kind, alert.RiskLevel, alert.ExploitationRisk.Criminal));
    }

    [Fact]
    public void the_check_of_the_example_fails_on_a_field_the_schema_does_not_allow()
    {
        var example = Document["components"]!["messages"]!["policeMissingAlert"]!["examples"]![0]!["payload"]!.DeepClone();
        example["name"] = "A child's name";
        example["riskLevel"] = "absent";
        var errors = new List<string>();
        Validate(example, Schema, "$", errors);
        Assert.Equal(2, errors.Count);
    }

    /// <summary>The parts of JSON Schema the alert's schema uses: type (with null), enum, pattern, minimum,
    /// required, additionalProperties false, nested objects.</summary>
    static void Validate(JsonNode? value, JsonNode schema, string path, List<string> errors)
    {
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            errors.Add($"{path}: {value?.ToJsonString() ?? "null"} is not one of {allowed.ToJsonString()}");
        if (schema["type"] is { } type)
        {
            var types = type is JsonArray many ? many.Select(t => (string)t!).ToList() : [(string)type!];
            if (!types.Contains(KindOf(value)) && !(KindOf(value) == "integer" && types.Contains("number")))
                errors.Add($"{path}: {KindOf(value)} where {string.Join(" or ", types)} is expected");
        }
        if (schema["pattern"] is { } pattern && value is JsonValue s && s.TryGetValue<string>(out var text) && !Regex.IsMatch(text, (string)pattern!))
            errors.Add($"{path}: \"{text}\" does not match {pattern}");
        if (schema["minimum"] is { } minimum && value is JsonValue n && n.TryGetValue<int>(out var number) && number < (int)minimum)
            errors.Add($"{path}: {number} is below {minimum}");
        if (value is not JsonObject obj) return;
        var properties = schema["properties"]?.AsObject();
        foreach (var required in schema["required"]?.AsArray() ?? [])
            if (!obj.ContainsKey((string)required!)) errors.Add($"{path}: {required} is missing");
        foreach (var (name, property) in obj)
        {
            if (properties?[name] is { } propertySchema) Validate(property, propertySchema, $"{path}.{name}", errors);
            else if ((bool?)schema["additionalProperties"] == false) errors.Add($"{path}: {name} is not allowed");
        }
    }

    static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.TryGetValue<long>(out _) ? "integer" : "number",
        _ => "string",
    };

    static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [(string)p.Value!] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };

    static JsonNode? Resolve(JsonNode document, string reference) =>
        reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode?)document, (node, part) => node?[part]);
}
