using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareTracking.IntegrationTests.Harness;

namespace CareTracking.IntegrationTests.Contract;

/// <summary>
/// A value of the wrong type or format answers 400 naming the field and what it should be, in the integrator's
/// words, never a .NET type (issue 13: "10/06/2025" for a date answered "could not be converted to
/// CareTracking.Reviews.Children.ReviewRequest"). Every POST of every service, every typed field of its example
/// body, driven by the published document.
/// </summary>
public sealed partial class ParseErrorTests(ContractStack stack) : IClassFixture<ContractStack>
{
    public static TheoryData<string> Services => [.. ContractStack.Names];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task a_value_of_the_wrong_type_or_format_is_a_400_naming_the_field_and_the_format(string service)
    {
        var document = await stack.DocumentAsync(service);
        var client = stack.Client(service);
        var schemas = document["components"]!["schemas"]!.AsObject();
        var tried = 0;
        var failures = new List<string>();
        foreach (var (path, _, operation) in OpenApiContractTests.Operations(document).Where(o => o.Method == "post"))
        {
            if (operation["requestBody"]?["content"]?["application/json"] is not { } media) continue;
            var url = path;
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                if ((string?)parameter!["in"] == "path")
                    url = url.Replace("{" + (string)parameter["name"]! + "}", (string)parameter["example"]!);
            var example = media["example"]!.AsObject();
            foreach (var (field, schema) in TypedFields(Resolve(media["schema"]!, schemas), schemas, ""))
                foreach (var (bad, expected) in BadValues(schema))
                {
                    var body = (JsonObject)example.DeepClone();
                    Set(body, field, bad);
                    using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
                    var response = await client.PostAsync(url, content);
                    var text = await response.Content.ReadAsStringAsync();
                    tried++;
                    var problem = JsonNode.Parse(text);
                    var detail = (string?)problem?["detail"] ?? "";
                    if (response.StatusCode != HttpStatusCode.BadRequest || (string?)problem?["field"] != field
                        || DotNetName().IsMatch(text) || !detail.Contains(expected, StringComparison.Ordinal))
                        failures.Add($"POST {url} {field} = {bad?.ToJsonString()}: {(int)response.StatusCode} {text}");
                }
        }
        // Query parameters read by hand answer 422 (a rule of the query) naming the parameter; never a .NET type either.
        foreach (var (path, _, operation) in OpenApiContractTests.Operations(document).Where(o => o.Method == "get"))
        {
            var url = path;
            var query = new List<(string Name, JsonNode Schema)>();
            var examples = new Dictionary<string, string>();
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                if ((string?)parameter!["in"] == "path")
                    url = url.Replace("{" + (string)parameter["name"]! + "}", (string)parameter["example"]!);
                else if ((string?)parameter["in"] == "query")
                {
                    if ((string?)parameter["example"] is { } value) examples[(string)parameter["name"]!] = value;
                    if ((string?)parameter["schema"]?["format"] == "date" || (string?)parameter["schema"]?["type"] is "integer" or "boolean")
                        query.Add(((string)parameter["name"]!, parameter["schema"]!));
                }
            foreach (var (name, schema) in query)
            {
                var bad = (string?)schema["format"] == "date" ? "10/06/2025" : "two";
                // The other parameters at their examples, so the bad one is the only thing wrong.
                var others = examples.Where(e => e.Key != name && !(name is "year" && e.Key is "asAt") && !(name is "asAt" && e.Key is "year"))
                    .Select(e => $"&{e.Key}={Uri.EscapeDataString(e.Value)}");
                var response = await client.GetAsync($"{url}?{name}={Uri.EscapeDataString(bad)}{string.Concat(others)}");
                var text = await response.Content.ReadAsStringAsync();
                tried++;
                if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
                    || (string?)JsonNode.Parse(text)?["field"] != name || DotNetName().IsMatch(text))
                    failures.Add($"GET {url}?{name}={bad}: {(int)response.StatusCode} {text}");
            }
        }
        Assert.True(tried > 0, $"{service}: no typed field was tried");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} bad values in {service} were not answered as they should be:\n" + string.Join("\n", failures));
    }

    /// <summary>Each property of a body (nested objects by their path, e.g. placement.distanceMiles) with a type to get wrong.</summary>
    private static IEnumerable<(string Field, JsonNode Schema)> TypedFields(JsonNode schema, JsonObject schemas, string prefix)
    {
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var resolved = Resolve(property!, schemas);
            var field = prefix + name;
            if (resolved["properties"] is not null)
                foreach (var nested in TypedFields(resolved, schemas, field + ".")) yield return nested;
            else
                yield return (field, resolved);
        }
    }

    /// <summary>Bad values for a field and a word its problem's detail must carry.</summary>
    private static IEnumerable<(JsonNode? Bad, string Expected)> BadValues(JsonNode schema) =>
        ((string?)schema["type"], (string?)schema["format"]) switch
        {
            ("string", "date") => [(JsonValue.Create("10/06/2025"), "YYYY-MM-DD"), (JsonValue.Create(20250610), "YYYY-MM-DD")],
            ("string", "date-time") => [(JsonValue.Create("2025-06-01"), "offset"), (JsonValue.Create("yesterday"), "offset")],
            ("string", "uuid") => [(JsonValue.Create("not-a-uuid"), "UUID")],
            ("integer", _) => [(JsonValue.Create("two"), "whole number"), (JsonValue.Create(1.5), "whole number")],
            ("number", _) => [(JsonValue.Create("far"), "number")],
            ("boolean", _) => [(JsonValue.Create("yes"), "true or false")],
            ("string", null) => [(JsonValue.Create(42), "text")],
            _ => [],
        };

    private static JsonNode Resolve(JsonNode schema, JsonObject schemas) =>
        schema["$ref"] is { } reference ? schemas[((string)reference!).Split('/')[^1]]!
        : schema["allOf"]?[0] is { } first ? Resolve(first, schemas)
        : schema;

    private static void Set(JsonObject body, string field, JsonNode? value)
    {
        var parts = field.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject next) target[part] = next = new JsonObject();
            target = next;
        }
        target[parts[^1]] = value;
    }

    [GeneratedRegex(@"System\.|CareTracking\.|Nullable|JsonElement|DateOnly|DateTimeOffset|Int32|Boolean|Guid\b")]
    private static partial Regex DotNetName();
}
