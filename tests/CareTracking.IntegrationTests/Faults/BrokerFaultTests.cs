using System.Net;
using System.Text.Json.Nodes;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>Placements and Missing episodes reaching the shared RabbitMQ through a proxy of the class's own,
/// which a test cuts (every connection reset, new ones refused) and restores.</summary>
public sealed class ProxiedBrokerServices : IAsyncLifetime
{
    public ServiceStack Stack { get; } = new();
    public TcpProxy Proxy { get; private set; } = null!;
    public WebApplicationFactory<PlacementsHost> Placements { get; private set; } = null!;
    public WebApplicationFactory<MissingEpisodesHost> Missing { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Stack.InitializeAsync();
        Proxy = new TcpProxy(Stack.Broker.Host, Stack.Broker.Port);
        var broker = Proxy.Through(Stack.Broker).ToString();
        Placements = new ServiceHost<PlacementsHost>(Stack).WithWebHostBuilder(b => b.UseSetting("RabbitMq:Uri", broker));
        Missing = new ServiceHost<MissingEpisodesHost>(Stack).WithWebHostBuilder(b => b.UseSetting("RabbitMq:Uri", broker));
        _ = Placements.Server;
        _ = Missing.Server;
    }

    public async Task DisposeAsync()
    {
        Proxy.Restore();
        await Missing.DisposeAsync();
        await Placements.DisposeAsync();
        await Proxy.DisposeAsync();
        await Stack.DisposeAsync();
    }
}

public sealed class BrokerFaultTests(ProxiedBrokerServices services, ITestOutputHelper output) : IClassFixture<ProxiedBrokerServices>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    private static async Task<JsonNode> ReadyAsync(HttpClient client) =>
        JsonNode.Parse(await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync())!;

    [Fact]
    public async Task with_rabbitmq_gone_for_30_s_placements_keeps_answering_201_reports_its_outbox_degraded_and_every_care_message_arrives_afterwards()
    {
        var placements = services.Placements.CreateClient();
        placements.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("831", Scopes.PlacementsWrite));
        var children = new List<string>();
        async Task<HttpStatusCode> EnterAsync(string child)
        {
            children.Add(child);
            return (await placements.Post($"/api/children/{child}/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode;
        }

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, await EnterAsync($"before-{i}"));

        services.Proxy.Cut();
        var statuses = new List<HttpStatusCode>();
        var outage = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; outage.Elapsed < Outage; i++)
        {
            statuses.Add(await EnterAsync($"during-{i:D2}"));
            await Task.Delay(1_000);
        }
        var ready = await ReadyAsync(placements);
        services.Proxy.Restore();
        var restored = System.Diagnostics.Stopwatch.StartNew();

        // The relay failed (a publish timing out against a broker that is not there) and the host lived on.
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal("Degraded", (string?)ready["checks"]!["outbox"]!["status"]);
        Assert.True((long)ready["checks"]!["outbox"]!["data"]!["pending"]! > 0, ready.ToJsonString());

        // Once the broker is back, everything goes: Missing episodes notes every child, the outbox empties.
        var noted = await Eventually.Within(TimeSpan.FromSeconds(120),
            () => services.Stack.ScalarAsync("select count(distinct stream_id) from eventstore.mt_events where type = 'missing.care-period-noted.v1'"),
            n => n == children.Count);
        Assert.Equal(children.Count, noted);
        output.WriteLine($"drill: {statuses.Count} posts during a {Outage.TotalSeconds:0} s outage, all 201; {children.Count} children noted by Missing episodes {restored.Elapsed.TotalSeconds:0.0} s after the broker came back");
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(30),
            () => services.Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null"), n => n == 0));
        Assert.Equal(HttpStatusCode.Created, await EnterAsync("after-1"));
        var healthy = await Eventually.Within(TimeSpan.FromSeconds(20), async () => (string?)(await ReadyAsync(placements))["checks"]!["outbox"]!["status"], s => s == "Healthy");
        Assert.Equal("Healthy", healthy);
    }
}
