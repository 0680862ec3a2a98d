using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// Which tokens a service accepts and which key settings it starts with (issue 10, items 3 and 10): the committed
/// development key and issuer are refused outside Development, production verifies tokens with an OpenID Connect
/// authority's keys, and a token valid for longer than Auth:MaxTokenLifetime (one hour by default) is refused.
/// </summary>
public sealed class TokenPolicyTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();

    private static string DevelopmentKey() =>
        File.ReadLines(Path.Combine(TestStack.RepositoryRoot(), "deploy", "local", "dev-signing-key.txt")).First().Trim();

    private static ServiceSettings Read(string environment, Dictionary<string, string?> auth)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:EventStore"] = "Host=127.0.0.1",
            ["RabbitMq:Uri"] = "amqp://127.0.0.1/",
            ["RabbitMq:AllowPlainAmqp"] = "true",
        };
        foreach (var (key, value) in auth) settings[key] = value;
        return ServiceSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), environment);
    }

    [Fact]
    public void the_committed_development_key_is_refused_outside_development()
    {
        var devKey = new Dictionary<string, string?> { ["Auth:SigningKey"] = DevelopmentKey() };

        Assert.NotNull(Read("Development", devKey).Auth.SigningKey);
        Assert.Contains("development key", Assert.Throws<InvalidOperationException>(() => Read("Testing", devKey)).Message);
        Assert.Contains("development key", Assert.Throws<InvalidOperationException>(() => Read("Production", devKey)).Message);
    }

    [Fact]
    public void production_needs_an_openid_connect_authority_and_its_own_issuer_and_fetches_keys_over_https_only()
    {
        Assert.Contains("Auth:Authority", Assert.Throws<InvalidOperationException>(() => Read("Production",
            new() { ["Auth:SigningKey"] = "a-production-shared-key-0123456789-abcdef", ["Auth:Issuer"] = "https://login.example.gov.uk" })).Message);
        Assert.Contains("Auth:Issuer", Assert.Throws<InvalidOperationException>(() => Read("Production",
            new() { ["Auth:Authority"] = "https://login.example.gov.uk" })).Message);
        Assert.Contains("Auth:Issuer", Assert.Throws<InvalidOperationException>(() => Read("Staging",
            new() { ["Auth:Authority"] = "https://login.example.gov.uk", ["Auth:Issuer"] = ServiceSettings.DevelopmentIssuer })).Message);

        var production = Read("Production", new() { ["Auth:Authority"] = "https://login.example.gov.uk", ["Auth:Issuer"] = "https://login.example.gov.uk" });
        Assert.Equal((true, TimeSpan.FromHours(1)), (production.Auth.RequireHttpsMetadata, production.Auth.MaxTokenLifetime));
        Assert.False(Read("Testing", new() { ["Auth:SigningKey"] = TestTokens.SigningKey }).Auth.RequireHttpsMetadata);
    }

    [Fact]
    public void a_service_given_the_development_key_in_production_does_not_start()
    {
        using var production = placements.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Auth:SigningKey", DevelopmentKey()));

        var error = Assert.ThrowsAny<Exception>(() => production.Server);

        Assert.Contains("development key", error.ToString());
    }

    [Fact]
    public void docker_compose_has_no_default_signing_key()
    {
        var compose = File.ReadAllText(Path.Combine(TestStack.RepositoryRoot(), "docker-compose.yml"));

        Assert.DoesNotContain(DevelopmentKey(), compose);
        Assert.Contains("${CARETRACKING_SIGNING_KEY:?", compose);
    }

    [Fact]
    public async Task a_token_valid_for_longer_than_the_maximum_lifetime_or_from_another_issuer_or_audience_is_refused()
    {
        HttpClient With(string token)
        {
            var client = placements.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return client;
        }
        Dictionary<string, object> Claims() => new() { ["authority"] = "831", ["scope"] = Scopes.PlacementsWrite };

        var oneHour = With(TestTokens.Make(Claims(), expires: DateTime.UtcNow.AddMinutes(59)));
        var tenYears = With(TestTokens.Make(Claims(), expires: DateTime.UtcNow.AddYears(10)));
        var twoHours = With(TestTokens.Make(Claims(), expires: DateTime.UtcNow.AddHours(2)));
        var otherIssuer = With(TestTokens.Make(Claims(), issuer: "someone-else"));
        var otherAudience = With(TestTokens.Make(Claims(), audience: "another-service"));

        Assert.Equal(HttpStatusCode.Created, (await oneHour.Post("/api/children/lifetime-ok/entered-care", Requests.EnteredCare())).StatusCode);
        foreach (var refused in new[] { tenYears, twoHours, otherIssuer, otherAudience })
            Assert.Equal(HttpStatusCode.Unauthorized, (await refused.Post("/api/children/lifetime-refused/entered-care", Requests.EnteredCare())).StatusCode);
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'lifetime-refused'"));
    }
}
