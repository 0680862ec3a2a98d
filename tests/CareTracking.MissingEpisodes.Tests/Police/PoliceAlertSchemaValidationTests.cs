using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CareTracking.MissingEpisodes.Tests.Police;

/// <summary>
/// The police feed's contract checked by a JSON-schema validator (JsonSchema.Net), not only by its shape:
/// contracts/police-missing-alert.asyncapi.json against the official AsyncAPI 3.0.0 JSON schema
/// (contracts/asyncapi/README.md), and its example payload against the message schema beside it.
/// </summary>
public class PoliceAlertSchemaValidationTests
{
    static string File(string name) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, name));

    static readonly Lazy<JsonSchema> AsyncApi = new(() => JsonSchema.FromText(File("asyncapi-3.0.0.schema.json"),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri("https://caretracking.example/asyncapi-3.0.0.schema.json")));

    static readonly Lazy<JsonSchema> Alert = new(() => JsonSchema.FromText(File("police-missing-alert.schema.json"),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    static JsonNode Document => JsonNode.Parse(File("police-missing-alert.asyncapi.json"))!;

    /// <summary>Each failing keyword with where it failed, for the assertion message.</summary>
    public static List<string> Errors(JsonSchema schema, JsonNode instance)
    {
        using var json = JsonDocument.Parse(instance.ToJsonString());
        var results = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")).ToList();
        return errors.Count > 0 ? errors : ["invalid (no keyword named)"];
    }

    [Fact]
    public void the_asyncapi_document_is_valid_against_the_official_asyncapi_3_schema() =>
        Assert.Empty(Errors(AsyncApi.Value, Document));

    [Fact]
    public void the_official_schema_refuses_what_asyncapi_3_does_not_allow()
    {
        // An AsyncAPI 2 verb, a channel address that is not a string, and an info without its title.
        var document = Document.DeepClone();
        document["operations"]!["sendPoliceMissingAlert"]!["action"] = "publish";
        Assert.NotEmpty(Errors(AsyncApi.Value, document));

        document = Document.DeepClone();
        document["channels"]!["forceAlerts"]!["address"] = 42;
        Assert.NotEmpty(Errors(AsyncApi.Value, document));

        document = Document.DeepClone();
        document["info"]!.AsObject().Remove("title");
        Assert.NotEmpty(Errors(AsyncApi.Value, document));
    }

    [Fact]
    public void every_example_payload_is_valid_against_the_message_schema()
    {
        var examples = Document["components"]!["messages"]!["policeMissingAlert"]!["examples"]!.AsArray();
        Assert.NotEmpty(examples);
        foreach (var example in examples)
            Assert.Empty(Errors(Alert.Value, example!["payload"]!));
    }

    [Fact]
    public void the_message_schema_refuses_a_name_an_unknown_risk_and_a_missing_child_ref()
    {
        var payload = Document["components"]!["messages"]!["policeMissingAlert"]!["examples"]![0]!["payload"]!;
        foreach (var change in new Action<JsonObject>[]
                 {
                     p => p["name"] = "A child's name",
                     p => p["riskLevel"] = "absent",
                     p => p.Remove("childRef"),
                     p => p["childRef"] = "C1001",
                 })
        {
            var changed = payload.DeepClone().AsObject();
            change(changed);
            Assert.NotEmpty(Errors(Alert.Value, changed));
        }
    }
}
