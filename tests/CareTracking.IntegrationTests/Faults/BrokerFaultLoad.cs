using System.Net;
using System.Net.Http.Headers;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>
/// The load the broker fault tests put through <see cref="ProxiedBrokerServices"/> while the proxy misbehaves: children
/// entering care (Placements, each a care message to Missing episodes) and children reported missing (Missing episodes,
/// each an alert to Derbyshire's queue, bound straight to the broker). Every answer is kept, and the counts the tests
/// compare afterwards are read here.
/// </summary>
public sealed class BrokerFaultLoad : IAsyncDisposable
{
    private readonly ProxiedBrokerServices services;
    private readonly HttpClient placements;
    private readonly HttpClient missing;

    private BrokerFaultLoad(ProxiedBrokerServices services, PoliceQueue police)
    {
        this.services = services;
        Police = police;
        placements = Client(services.Placements.CreateClient(), Scopes.PlacementsWrite);
        missing = Client(services.Missing.CreateClient(), Scopes.MissingWrite);
    }

    public PoliceQueue Police { get; }
    public List<HttpStatusCode> Statuses { get; } = [];
    public List<string> Entered { get; } = [];
    public List<string> Reported { get; } = [];

    /// <summary>A load with a police queue of its own (<paramref name="name"/> tells the tests' queues apart).</summary>
    public static async Task<BrokerFaultLoad> StartAsync(ProxiedBrokerServices services, string name) =>
        new(services, await PoliceQueue.BindAsync(services.Stack.Broker, "derbyshire", $"police.derbyshire.{name}-{Guid.NewGuid():N}"));

    public ValueTask DisposeAsync() => Police.DisposeAsync();

    private static HttpClient Client(HttpClient client, string scope)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("831", scope));
        return client;
    }

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public async Task EnterAsync(string child)
    {
        Statuses.Add((await placements.Post($"/api/children/{child}/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode);
        Entered.Add(child);
    }

    public async Task ReportAsync(string child)
    {
        Statuses.Add((await missing.Post("/api/missing-episodes", MissingRequests.Report(child, HoursAgo(2)))).StatusCode);
        Reported.Add(child);
    }

    /// <summary>Before the fault, every connection in use and nothing in flight: children <paramref name="prefix"/>-0 to
    /// -7 entered and noted by Missing episodes, -0 and -1 reported and their alerts received.</summary>
    public async Task WarmUpAsync(string prefix)
    {
        for (var i = 0; i < 8; i++) await EnterAsync($"{prefix}-{i}");
        Assert.Equal(8, await Eventually.Within(TimeSpan.FromSeconds(30), NotedAsync, n => n == 8));
        await ReportAsync($"{prefix}-0");
        await ReportAsync($"{prefix}-1");
        Assert.Equal(2, (await Police.WaitForAsync(r => r.Count >= 2, TimeSpan.FromSeconds(30))).Count);
    }

    /// <summary>The children Missing episodes has noted in care (distinct streams).</summary>
    public Task<long> NotedAsync() =>
        services.Stack.ScalarAsync("select count(distinct stream_id) from eventstore.mt_events where type = 'missing.care-period-noted.v1'");

    /// <summary>The care-period-noted events (one per child if nothing was applied twice).</summary>
    public Task<long> NotedEventsAsync() =>
        services.Stack.ScalarAsync("select count(*) from eventstore.mt_events where type = 'missing.care-period-noted.v1'");

    /// <summary>Outbox rows not yet sent.</summary>
    public Task<long> WaitingAsync() =>
        services.Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null");

    /// <summary>Outbox rows not yet sent or parked: 0 once everything went.</summary>
    public Task<long> PendingAsync() =>
        services.Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null or parked_at is not null");
}
