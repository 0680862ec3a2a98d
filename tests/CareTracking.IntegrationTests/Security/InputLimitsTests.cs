using System.Net;
using System.Text;
using CareTracking.Indicators;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// What a client may send and what every answer carries (issue 10, items 7 and 10): text fields at most 2,000
/// characters (a 200 KB "reason" was accepted), bodies at most 1 MB, each refused as RFC 7807 without echoing the
/// input and with nothing appended; answers never cached or sniffed; outside Development and Testing no Swagger and
/// no health-check details for anonymous callers.
/// </summary>
public sealed class InputLimitsTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;
    private static readonly string TwoHundredKb = new('x', 200 * 1024);

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? field, string rule)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length < 2048, $"The problem echoes the input ({text.Length} characters).");
        var body = await response.Body();
        Assert.Equal((field, rule), ((string?)body["field"], (string?)body["rule"]));
    }

    [Fact]
    public async Task a_200_kb_text_field_is_refused_naming_the_field_and_nothing_is_appended()
    {
        await stack.InCareAsync("831", "limits-1");
        var placements = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);
        var lastSeen = new DateTimeOffset(DateTime.UtcNow.AddHours(-3).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

        var move = await placements.Post("/api/children/limits-1/placement-moves", new
        {
            date = "2025-05-01",
            placement = new { type = "U4", provider = "PR1", postcode = "DE22 3NE", urn = "SC123456" },
            sameCarer = false,
            reason = TwoHundredKb,
        });
        var report = await stack.MissingClient("831").Post("/api/missing-episodes", new
        {
            childId = "limits-1",
            kind = "M",
            lastSeenAt = lastSeen,
            reportedAt = lastSeen.AddMinutes(30),
            riskLevel = "low",
            riskReason = TwoHundredKb,
            exploitationRisk = new { criminal = true, sexual = false },
        });

        await AssertProblem(move, HttpStatusCode.BadRequest, "reason", "field.too-long");
        await AssertProblem(report, HttpStatusCode.BadRequest, "riskReason", "field.too-long");
        Assert.Equal(1, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'limits-1'"));
        Assert.Equal(0, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where data::text like '%xxxxxxxxxxxxxxxxxxxx%'"));
    }

    [Fact]
    public async Task a_code_field_holding_text_is_not_repeated_in_the_problem_and_a_short_wrong_code_is()
    {
        await stack.InCareAsync("831", "limits-echo");
        var placements = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);
        const string pasted = "Jane Testperson, 14 Example Street";

        async Task<string> MoveWithUrn(string urn)
        {
            var move = await placements.Post("/api/children/limits-echo/placement-moves", new
            {
                date = "2025-05-01",
                placement = new { type = "U4", provider = "PR1", postcode = "DE22 3NE", urn },
                sameCarer = false,
                reason = "P1",
            });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, move.StatusCode);
            return await move.Content.ReadAsStringAsync();
        }

        var text = await MoveWithUrn(pasted);
        Assert.DoesNotContain("Jane", text);
        Assert.Contains("The value given is not an Ofsted URN", text);
        Assert.Contains("'SC12' is not an Ofsted URN", await MoveWithUrn("SC12"));
        Assert.Equal(1, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'limits-echo'"));
    }

    [Fact]
    public async Task a_body_over_1_mb_is_refused_with_413()
    {
        var placements = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);
        var content = new StringContent("{\"padding\":\"" + new string('x', 1100 * 1024) + "\"}", Encoding.UTF8, "application/json");

        var response = await placements.PostAsync("/api/children/limits-2/entered-care", content);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, null, null!);
        Assert.Equal(0, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'limits-2'"));
    }

    [Fact]
    public async Task answers_are_never_cached_or_sniffed()
    {
        var client = stack.Placements.ClientFor("831", Scopes.PlacementsWrite, Scopes.PlacementsRead);
        Assert.Equal(HttpStatusCode.Created, (await client.Post("/api/children/limits-3/entered-care", Requests.EnteredCare())).StatusCode);

        foreach (var response in new[] { await client.GetAsync("/api/children/limits-3"), await client.GetAsync("/api/children/limits-none") })
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{response.StatusCode} without Cache-Control: no-store");
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public async Task a_400_names_no_dotnet_type_and_a_correlation_id_is_stored_only_when_it_is_a_plain_token()
    {
        var client = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);
        var wrongKind = await client.Post("/api/children/limits-4/entered-care", new { date = 12 });
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.DoesNotContain("System.", await wrongKind.Content.ReadAsStringAsync());

        async Task<string> StoredCorrelation(string child, string header)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/children/{child}/entered-care")
            {
                Content = System.Net.Http.Json.JsonContent.Create(Requests.EnteredCare(), options: Requests.Json),
            };
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", header);
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request)).StatusCode);
            await using var conn = new Npgsql.NpgsqlConnection(stack.Stack.Database);
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"select correlation_id from eventstore.mt_events where stream_id = '{child}'", conn);
            return (string)(await cmd.ExecuteScalarAsync())!;
        }

        Assert.Equal("case-system:4711", await StoredCorrelation("limits-5", "case-system:4711"));
        Assert.NotEqual("Jane Smith <script>", await StoredCorrelation("limits-6", "Jane Smith <script>"));
    }

    [Fact]
    public async Task dates_at_the_ends_of_the_calendar_are_a_422_not_a_500()
    {
        var indicators = stack.Stack.Start<IndicatorsHost>()
            .ClientFor("831", Scopes.IndicatorsRead, Scopes.ReviewsRead);

        foreach (var url in new[] { "/api/indicators/committee?asAt=0001-01-01", "/api/indicators/reviews/due?withinWorkingDays=5&asAt=9999-12-31" })
        {
            var response = await indicators.GetAsync(url);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("query.date-range", (string?)(await response.Body())["rule"]);
        }
    }

    [Fact]
    public async Task in_production_swagger_is_not_served_and_health_shows_statuses_only()
    {
        await using var production = stack.Placements.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Auth:SigningKey", "")
            .UseSetting("Auth:Authority", "https://login.example.invalid")
            .UseSetting("Auth:Issuer", "https://login.example.invalid")
            .UseSetting("RabbitMq:AllowPlainAmqp", "true")
            .UseSetting("Privacy:MasterKeyFile", ErasureTests.MasterKeyFile(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
        var anonymous = production.CreateClient();

        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/swagger/v1/swagger.json")).StatusCode);
        var ready = await Eventually.Within(TimeSpan.FromSeconds(20), () => anonymous.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK);
        var check = (await ready.Body())["checks"]!["postgresql"]!.AsObject();
        Assert.Equal(["status"], check.Select(p => p.Key));
        Assert.Contains("max-age", string.Join(",", ready.Headers.GetValues("Strict-Transport-Security")));
    }
}
