using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CareTracking.IntegrationTests.Contract;

/// <summary>
/// The OpenAPI documents are the contract with integrators (issue 13). Each service's document, fetched from the
/// running service, must equal its checked-in copy in docs/openapi/, so a change to the contract shows in review.
/// To refresh the copies after a deliberate change:
/// <c>CARETRACKING_UPDATE_OPENAPI=1 dotnet test tests/CareTracking.IntegrationTests -c Release --filter FullyQualifiedName~OpenApiContractTests</c>
/// (docs/integrating.md).
/// </summary>
public sealed class OpenApiContractTests(ContractStack stack) : IClassFixture<ContractStack>
{
    public static TheoryData<string> Services => [.. ContractStack.Names];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task the_document_equals_its_checked_in_copy(string service)
    {
        var served = ContractStack.Indented(await stack.DocumentAsync(service));
        var copy = ContractStack.CopyPath(service);
        if (Environment.GetEnvironmentVariable("CARETRACKING_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            await File.WriteAllTextAsync(copy, served);
            return;
        }
        Assert.True(File.Exists(copy), $"No checked-in copy of {service}'s OpenAPI document at {copy}; run with CARETRACKING_UPDATE_OPENAPI=1 to write it.");
        var expected = await File.ReadAllTextAsync(copy);
        Assert.True(expected == served, $"{service}'s OpenAPI document differs from {copy}. If the change is meant, refresh the copies "
            + "(CARETRACKING_UPDATE_OPENAPI=1, docs/integrating.md) and commit them. First difference: " + FirstDifference(expected, served));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task every_operation_has_an_id_a_summary_and_its_answers_with_problem_examples(string service)
    {
        var document = await stack.DocumentAsync(service);
        var ids = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var where = $"{service} {method.ToUpperInvariant()} {path}";
                ids.Add((string?)operation!["operationId"] ?? "");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation["operationId"]), $"{where}: no operationId");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{where}: no summary");
                var responses = operation["responses"]!.AsObject();
                Assert.True(responses.ContainsKey("200") || responses.ContainsKey("201"), $"{where}: no success answer");
                Assert.Contains("503", responses.Select(r => r.Key));
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    var problem = response!["content"]?["application/problem+json"];
                    Assert.True(problem is not null, $"{where} {status}: not a problem-details answer");
                    Assert.Equal(int.Parse(status), (int)problem!["example"]!["status"]!);
                    Assert.EndsWith("/Problem", (string)problem["schema"]!["$ref"]!);
                }
                if (operation["requestBody"] is { } body)
                {
                    Assert.True(body["content"]!.AsObject().All(m => m.Value!["example"] is not null), $"{where}: no example body");
                    foreach (var status in new[] { "400", "401", "403", "413", "415", "422", "429", "503" })
                        Assert.True(responses.ContainsKey(status), $"{where}: no {status} answer");
                    if (responses.ContainsKey("201"))
                        foreach (var status in new[] { "200", "409", "412" })
                            Assert.True(responses.ContainsKey(status), $"{where}: appends, but no {status} answer");
                }
            }
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    /// <summary>The example of every POST, sent as Swagger UI's "Try it out" sends it, is accepted: the
    /// contract's examples run in their order make one valid history per service.</summary>
    [Theory]
    [MemberData(nameof(Services))]
    public async Task the_example_of_every_post_is_accepted_by_the_service(string service)
    {
        var document = await stack.DocumentAsync(service);
        var client = stack.Client(service);
        var contract = ContractStack.ContractOf(service);
        var order = contract?.Operations.ToDictionary(o => o.OperationId, o => o.Order) ?? [];
        var posts = Operations(document).Where(o => o.Method == "post" && o.Operation["requestBody"] is not null)
            .OrderBy(o => order.GetValueOrDefault((string)o.Operation["operationId"]!, int.MaxValue)).ToList();
        foreach (var (path, _, operation) in posts)
        {
            var url = path;
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                if ((string?)parameter!["in"] == "path")
                    url = url.Replace("{" + (string)parameter["name"]! + "}", (string?)parameter["example"]
                        ?? throw new InvalidOperationException($"{service} POST {path}: no example for path parameter {parameter["name"]}"));
            var (mediaType, media) = operation["requestBody"]!["content"]!.AsObject().First();
            var example = mediaType.EndsWith("json", StringComparison.Ordinal) ? media!["example"]!.ToJsonString() : (string)media!["example"]!;
            using var content = new StringContent(example, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));
            var response = await client.PostAsync(url, content);
            // A post that appends answers 201 (or 202 while held); one that only stores reference data, 200.
            var appends = operation["responses"]!.AsObject().ContainsKey("201");
            Assert.True(appends ? response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted : response.StatusCode == HttpStatusCode.OK,
                $"{service} POST {url} with its example {example}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    internal static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (p.Key, m.Key, m.Value!)));

    private static string FirstDifference(string expected, string served)
    {
        var a = expected.Split('\n');
        var b = served.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            if (i >= a.Length || i >= b.Length || a[i] != b[i])
                return $"line {i + 1}: copy \"{(i < a.Length ? a[i].Trim() : "(end)")}\", served \"{(i < b.Length ? b[i].Trim() : "(end)")}\"";
        return "(none)";
    }
}
