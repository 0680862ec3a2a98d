using System.Net;
using CareTracking.EventStore;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// No child id, date of birth or postcode in any log line (issue 10, item 6): request paths were logged at
/// Information ("GET /api/children/C00035") and retry warnings named the stream ("Stream missing:C00035 of
/// authority 985"). Placements and Missing episodes run at the deployed level (Information) with every log line
/// captured, through writes, reads, a 404, a 400, a stale If-Match and a care message consumed.
/// </summary>
public sealed class LogPrivacyTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private const string ChildId = "LOGPRIV-C4471";
    private const string DateOfBirth = "2011-02-03";
    private const string Postcode = "NG31 6PX";

    private WebApplicationFactory<T> Capturing<T>(CapturedLogs log) where T : class =>
        new ServiceHost<T>(stack).WithWebHostBuilder(b => b
            .UseSetting("Logging:LogLevel:Default", "Information")
            .UseSetting("Logging:LogLevel:MassTransit", "Information")
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(log)));

    private static HttpClient Client<T>(WebApplicationFactory<T> host, params string[] scopes) where T : class
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("831", scopes));
        return client;
    }

    [Fact]
    public async Task no_log_line_names_a_child_its_date_of_birth_or_its_postcode()
    {
        var log = new CapturedLogs();
        await using var placementsHost = Capturing<PlacementsHost>(log);
        await using var missingHost = Capturing<MissingEpisodesHost>(log);
        _ = missingHost.Server; // consuming Placements' messages before the first post
        var placements = Client(placementsHost, Scopes.PlacementsWrite, Scopes.PlacementsRead);
        var missing = Client(missingHost, Scopes.MissingWrite, Scopes.MissingRead);

        var entered = await placements.Post($"/api/children/{ChildId}/entered-care",
            MissingRequests.EnteredCare("2025-04-10", Postcode, dateOfBirth: DateOfBirth));
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await placements.GetAsync($"/api/children/{ChildId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await placements.GetAsync($"/api/children/{ChildId}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await placements.GetAsync($"/api/children/{ChildId}-2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await placements.Post($"/api/children/{ChildId}/ceased-care", new { date = DateOfBirth })).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/children/{ChildId}/uasc-status")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { date = "2025-05-01", uasc = true }, options: Requests.Json),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await placements.SendAsync(stale)).StatusCode);

        var noted = await Eventually.Within(TimeSpan.FromSeconds(20),
            () => stack.ScalarAsync($"select count(*) from eventstore.mt_events where stream_id = 'missing:{ChildId}'"), n => n > 0);
        Assert.True(noted > 0, "Missing episodes never noted the child's care period.");
        var lastSeen = new DateTimeOffset(DateTime.UtcNow.AddHours(-3).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var reported = await missing.Post("/api/missing-episodes", MissingRequests.Report(ChildId, lastSeen));
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await missing.GetAsync($"/api/missing-episodes/{(string)(await reported.Body())["episodeId"]!}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await missing.GetAsync($"/api/children/{ChildId}/missing-episodes")).StatusCode);

        var lines = log.Lines.Select(l => l.Text).ToArray();
        Assert.NotEmpty(lines);
        var leaks = lines.Where(l => l.Contains("LOGPRIV", StringComparison.OrdinalIgnoreCase)
            || l.Contains(DateOfBirth) || l.Contains(Postcode, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "Log lines with personal data:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public void a_concurrency_error_logged_by_a_consumer_retry_does_not_name_the_stream()
    {
        var error = new ConcurrencyException("985", "missing:C00035", 1, 2);

        Assert.DoesNotContain("C00035", error.Message);
        Assert.Equal("missing:C00035", error.StreamId);
    }
}
