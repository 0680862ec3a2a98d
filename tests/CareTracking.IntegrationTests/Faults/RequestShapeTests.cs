using System.Net;
using System.Reflection;
using System.Text;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>What a body may leave out, and how an instant must be written (issue 13).</summary>
public sealed class RequestShapeTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static Task<HttpResponseMessage> PostRaw(HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task entering_care_without_the_optional_urn_and_home_postcode_is_accepted()
    {
        // A generated authority's history hit "missing required properties" 98 times in 4,126 posts for these.
        var placements = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);

        var response = await PostRaw(placements, "/api/children/optional-1/entered-care", """
            {"date":"2025-04-10","legalStatus":"C2","categoryOfNeed":"N1",
             "placement":{"type":"P1","provider":"PR0","postcode":"DE22 3NE"},
             "child":{"sex":"F","dateOfBirth":"2015-06-01","ethnicity":"WBRI","uasc":false}}
            """);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_missing_report_with_a_date_for_an_instant_is_a_400_naming_the_field_and_appends_nothing()
    {
        await stack.InCareAsync("831", "instant-1");
        var missing = stack.MissingClient("831");

        var response = await PostRaw(missing, "/api/missing-episodes", """
            {"childId":"instant-1","kind":"M","lastSeenAt":"2025-06-01","reportedAt":"2025-06-01T10:00:00Z",
             "riskLevel":"medium","exploitationRisk":{"criminal":false,"sexual":false}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Body();
        Assert.Equal("lastSeenAt", (string?)problem["field"]);
        Assert.Contains("time and offset", (string?)problem["detail"]);
        Assert.Equal(0, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id like 'episode:%' and data->>'childId' = 'instant-1'"));
    }

    [Theory]
    [InlineData("2025-06-01T10:00:00Z")]
    [InlineData("2025-06-01T11:00:00+01:00")]
    [InlineData("2025-06-01T10:00:00.123Z")]
    public async Task an_instant_with_its_time_and_offset_is_read(string lastSeenAt)
    {
        var child = $"instant-ok-{lastSeenAt.Length}-{lastSeenAt[^2..].Replace(":", "")}";
        await stack.InCareAsync("831", child);
        var response = await PostRaw(stack.MissingClient("831"), "/api/missing-episodes", $$$"""
            {"childId":"{{{child}}}","kind":"M","lastSeenAt":"{{{lastSeenAt}}}","reportedAt":"2025-06-01T12:00:00Z",
             "riskLevel":"medium","exploitationRisk":{"criminal":false,"sexual":false}}
            """);
        Assert.True(response.StatusCode is HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_403_names_the_scope_the_token_lacks()
    {
        var readOnly = stack.Placements.ClientFor("831", Scopes.PlacementsRead);

        var response = await readOnly.Post("/api/children/scope-named-1/entered-care", Requests.EnteredCare());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Body();
        Assert.EndsWith("scope-missing", (string?)problem["type"]);
        Assert.Equal(Scopes.PlacementsWrite, (string?)problem["requiredScopes"]![0]);
        Assert.Contains(Scopes.PlacementsWrite, (string?)problem["detail"]);
        Assert.Contains(Scopes.PlacementsRead, (string?)problem["detail"]);
    }

    [Fact]
    public async Task a_415_says_to_send_json()
    {
        var placements = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);

        var response = await placements.PostAsync("/api/children/media-1/entered-care", new StringContent("date=2025-04-10", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type: application/json", (string?)(await response.Body())["detail"]);
    }

    /// <summary>With RespectRequiredConstructorParameters a body parameter without a default is required even
    /// when it is nullable: every optional (nullable) field of every request body must have a default.</summary>
    [Fact]
    public void every_nullable_field_of_every_request_body_may_be_left_out()
    {
        var services = new[]
        {
            typeof(CareTracking.Placements.Children.ChildEvent).Assembly,
            typeof(CareTracking.MissingEpisodes.Episodes.EpisodeEvent).Assembly,
            typeof(CareTracking.Reviews.Children.ReviewsApi).Assembly,
            typeof(CareTracking.Health.Children.HealthApi).Assembly,
        };
        var nullability = new NullabilityInfoContext();
        var seen = new HashSet<Type>();
        var required = new List<string>();
        void Walk(Type type)
        {
            if (!seen.Add(type) || type.Namespace?.StartsWith("CareTracking", StringComparison.Ordinal) != true) return;
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            foreach (var p in constructor?.GetParameters() ?? [])
            {
                if (nullability.Create(p).WriteState == NullabilityState.Nullable && !p.HasDefaultValue)
                    required.Add($"{type.Name}.{p.Name}");
                Walk(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType);
            }
        }
        foreach (var type in services.SelectMany(a => a.GetTypes()).Where(t => t.Name.EndsWith("Request", StringComparison.Ordinal) && t.IsSealed))
            Walk(type);

        Assert.True(seen.Count > 15, $"Only {seen.Count} request types were found.");
        Assert.Empty(required);
    }
}
