using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using HealthService = CareTracking.Health.HealthHost;
using IndicatorsService = CareTracking.Indicators.IndicatorsHost;
using LeavingCareService = CareTracking.LeavingCare.LeavingCareHost;
using MissingService = CareTracking.MissingEpisodes.MissingEpisodesHost;
using PlacementsService = CareTracking.Placements.PlacementsHost;
using ReviewsService = CareTracking.Reviews.ReviewsHost;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// Every text field of every write request of every service is bounded (issue 10, item 7: a 200 KB "reason"
/// naming an adult was accepted and kept for ever). The routes and their body types are read from each running
/// service's own endpoint table, and the text fields from the body types by reflection (nested records and lists
/// too), so a route or field added later is covered without this test naming it: each field, sent alone at one
/// character over the limit, gets a 400 naming the field and the limit, and nothing is appended.
/// </summary>
public sealed class TextLengthLimitsTests(ServiceStack stack, ITestOutputHelper output) : IClassFixture<ServiceStack>
{
    private static readonly string OverLimit = new('x', InputLimits.MaxTextLength + 1);

    private sealed record WriteRoute(string Service, string Method, string Pattern, Type Body, Func<HttpClient> Client);

    private IEnumerable<WriteRoute> WriteRoutes<T>(string service) where T : class
    {
        var host = stack.Start<T>();
        var client = new Lazy<HttpClient>(() => host.ClientFor("831", Scopes.All));
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var body = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Select(a => a.RequestType).FirstOrDefault(t => t is not null);
            foreach (var method in methods.Where(m => m is "POST" or "PUT" or "PATCH"))
            {
                if (body?.Namespace?.StartsWith("CareTracking", StringComparison.Ordinal) == true)
                    yield return new WriteRoute(service, method, endpoint.RoutePattern.RawText!, body, () => client.Value);
                else
                    output.WriteLine($"{service} {method} {endpoint.RoutePattern.RawText}: no JSON body ({body?.Name ?? "none"})");
            }
        }
    }

    /// <summary>Each text field of a body type as a JSON path ("placement.postcode", "contacts[].note").</summary>
    private static IEnumerable<string> TextFields(Type type, string prefix = "", int depth = 0)
    {
        if (depth > 6) yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null || property.GetIndexParameters().Length > 0) continue;
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy(property.Name);
            foreach (var path in FieldsOf(property.PropertyType, prefix + name, depth))
                yield return path;
        }
    }

    private static IEnumerable<string> FieldsOf(Type type, string path, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return [path];
        var element = type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        if (element is not null) return FieldsOf(element, path + "[]", depth + 1);
        return type.Namespace?.StartsWith("CareTracking", StringComparison.Ordinal) == true && !type.IsEnum
            ? TextFields(type, path + ".", depth + 1)
            : [];
    }

    private static string JsonNamingPolicy(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    /// <summary>A body holding only the one field, at <see cref="OverLimit"/>.</summary>
    private static JsonNode BodyWith(string path)
    {
        JsonNode Build(string[] segments) => segments switch
        {
            [] => JsonValue.Create(OverLimit),
            // "contacts[]" holds a list: of objects, or of text when it is the last segment.
            [var first, .. var rest] when first.EndsWith("[]", StringComparison.Ordinal) => new JsonObject { [first[..^2]] = new JsonArray(Build(rest)) },
            [var first, .. var rest] => new JsonObject { [first] = Build(rest) },
        };
        return Build(path.Split('.'));
    }

    private static string Url(string pattern) => Regex.Replace(pattern, @"\{([^}:]+)(:[^}]*)?\}",
        m => m.Groups[2].Value.Contains("guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "len-child-1");

    [Fact]
    public async Task every_text_field_of_every_write_request_over_the_limit_is_a_400_naming_the_field_and_the_limit_and_appends_nothing()
    {
        var routes = WriteRoutes<PlacementsService>("placements")
            .Concat(WriteRoutes<MissingService>("missing-episodes"))
            .Concat(WriteRoutes<ReviewsService>("reviews"))
            .Concat(WriteRoutes<HealthService>("health"))
            .Concat(WriteRoutes<LeavingCareService>("leaving-care"))
            .Concat(WriteRoutes<IndicatorsService>("indicators"))
            .ToList();
        var before = await stack.ScalarAsync("select count(*) from eventstore.mt_events");

        var failures = new List<string>();
        var fields = 0;
        foreach (var route in routes)
        {
            foreach (var field in TextFields(route.Body))
            {
                fields++;
                var request = new HttpRequestMessage(new HttpMethod(route.Method), Url(route.Pattern))
                {
                    Content = new StringContent(BodyWith(field).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
                };
                var response = await route.Client().SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var problem = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : new JsonObject();
                var named = Regex.Replace((string?)problem["field"] ?? "", @"\[\d+\]", "[]");
                if (response.StatusCode != HttpStatusCode.BadRequest || (string?)problem["rule"] != "field.too-long" || named != field
                    || !((string?)problem["detail"] ?? "").Contains(InputLimits.MaxTextLength.ToString(), StringComparison.Ordinal) || text.Contains(OverLimit[..100], StringComparison.Ordinal))
                    failures.Add($"{route.Service} {route.Method} {route.Pattern} {route.Body.Name}.{field}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
            }
        }

        output.WriteLine($"{routes.Count} write routes with JSON bodies, {fields} text fields");
        Assert.Empty(failures);
        Assert.True(routes.Count >= 30, $"Only {routes.Count} write routes were found.");
        Assert.True(fields >= 50, $"Only {fields} text fields were found.");
        Assert.Equal(before, await stack.ScalarAsync("select count(*) from eventstore.mt_events"));
    }
}
