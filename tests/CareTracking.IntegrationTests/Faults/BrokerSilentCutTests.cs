using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>
/// The network between the services and the broker goes silent: no FIN, no reset, every byte dropped both ways, new
/// connections never answered (a firewall dropping an idle flow, a pulled cable, a frozen NAT). Nothing but the AMQP
/// heartbeat tells either end. With the broker's 60 s, RabbitMQ.Client gives a connection up after three to four
/// minutes, and meanwhile the bus's consumers hear nothing and its publishes wait on a dead socket. The services ask
/// for <see cref="BrokerSettings.DefaultHeartbeat"/> instead (RabbitMq:HeartbeatSeconds).
/// </summary>
public sealed class BrokerSilentCutTests(ProxiedBrokerServices services, ITestOutputHelper output) : IClassFixture<ProxiedBrokerServices>
{
    [Fact]
    public async Task with_the_network_to_the_broker_silently_dropping_everything_each_connection_is_given_up_within_a_few_heartbeats_and_once_it_heals_every_care_message_and_alert_arrives_once_alerts_in_order()
    {
        var heartbeat = services.Placements.Services.GetRequiredService<BrokerSettings>().Heartbeat;
        Assert.Equal(BrokerSettings.DefaultHeartbeat, heartbeat);
        Assert.Equal(heartbeat, services.Missing.Services.GetRequiredService<BrokerSettings>().Heartbeat);
        // RabbitMQ.Client gives a connection up at the third heartbeat interval it hears nothing in, so 3-4 intervals
        // after the cut; the rest is room for a loaded machine. The broker's 60 s would take 180-240 s.
        var bound = heartbeat * 4 + TimeSpan.FromSeconds(15);

        // Before the cut: every connection in use (both buses, and the police publisher's own), nothing in flight.
        await using var load = await BrokerFaultLoad.StartAsync(services, "silent");
        await load.WarmUpAsync("silent");
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(20), load.PendingAsync, n => n == 0));

        var links = services.Proxy.Silence();
        var cut = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, links.Count(l => l.ClientSent("caretracking-outbox")));
        Assert.True(links.Count(l => !l.ClientSent("caretracking-outbox")) >= 2, $"{links.Count} connections open at the cut: both buses expected");

        // While the network is silent Placements keeps taking entries (its relay's publishes go nowhere), until every
        // connection has been given up. No reports yet: the police publisher's connection stays idle, so only its
        // heartbeat can tell it the connection is dead.
        for (var i = 0; links.Any(l => l.ClientGaveUpAfter is null) && cut.Elapsed < bound; i++)
        {
            await load.EnterAsync($"silent-during-{i}");
            await Task.Delay(2_000);
        }
        var gaveUp = links.Select(l => (Police: l.ClientSent("caretracking-outbox"), After: l.ClientGaveUpAfter)).ToList();
        // Still silent: reports raise alerts that have to wait, and more children enter care.
        for (var i = 2; i < 6; i++)
        {
            await load.ReportAsync($"silent-{i}");
            await load.EnterAsync($"silent-late-{i}");
            await Task.Delay(1_000);
        }
        var pendingAtEnd = await load.PendingAsync();
        services.Proxy.Restore();
        var healed = System.Diagnostics.Stopwatch.StartNew();
        var cutFor = cut.Elapsed;

        var alerts = await load.Police.WaitForAsync(r => r.Select(a => a.AlertId).Distinct().Count() >= load.Reported.Count, TimeSpan.FromSeconds(90));
        var alertsAfter = healed.Elapsed;
        var noted = await Eventually.Within(TimeSpan.FromSeconds(90), load.NotedAsync, n => n == load.Entered.Count);
        var notedAfter = healed.Elapsed;
        var pending = await Eventually.Within(TimeSpan.FromSeconds(30), load.PendingAsync, n => n == 0);
        var notedEvents = await load.NotedEventsAsync();
        output.WriteLine($"heartbeat {heartbeat.TotalSeconds:0} s; network silent {cutFor.TotalSeconds:0.0} s; connections given up after "
            + string.Join(", ", gaveUp.Select(g => $"{(g.Police ? "police publisher" : "bus")} {g.After?.TotalSeconds.ToString("0.0") ?? "never"} s"))
            + $"; {load.Statuses.Count} posts ({load.Statuses.Count(s => s == HttpStatusCode.Created)} answered 201), {pendingAtEnd} messages waiting at the end of the cut; "
            + $"after it healed: {alerts.Count} alerts ({alerts.Select(a => a.AlertId).Distinct().Count()} ids) of {load.Reported.Count} within {alertsAfter.TotalSeconds:0.0} s, "
            + $"{noted} of {load.Entered.Count} children noted ({notedEvents} noted events) within {notedAfter.TotalSeconds:0.0} s, outbox left {pending}");

        // Each service noticed each dead connection by itself, within a few heartbeats.
        Assert.All(gaveUp, g => Assert.True(g.After is { } after && after <= bound,
            $"{(g.Police ? "The police publisher" : "A bus")} still held its connection {bound.TotalSeconds:0} s after the network went silent"));
        Assert.All(load.Statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.True(pendingAtEnd > 0, "Nothing waited in the outbox while the network was silent.");
        // Nothing lost, nothing doubled: every alert once and in the order reported, every child noted once, the
        // outbox empty with nothing parked.
        Assert.Equal(load.Reported.Select(c => PoliceRefs.For("derbyshire", "831", c)), alerts.Select(a => a.ChildRef));
        Assert.Equal(load.Entered.Count, noted);
        Assert.Equal(load.Entered.Count, notedEvents);
        Assert.Equal(0, pending);
    }

    [Fact]
    public void the_heartbeat_is_a_setting_of_its_own_and_a_value_out_of_range_stops_the_start()
    {
        static BrokerSettings Read(string? seconds) => ServiceSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EventStore"] = "Host=127.0.0.1",
            ["Auth:SigningKey"] = TestTokens.SigningKey,
            ["RabbitMq:Uri"] = "amqp://127.0.0.1/",
            ["RabbitMq:HeartbeatSeconds"] = seconds,
        }).Build(), "Testing").Broker;

        Assert.Equal(TimeSpan.FromSeconds(10), Read(null).Heartbeat);
        Assert.Equal(TimeSpan.FromSeconds(30), Read("30").Heartbeat);
        Assert.Equal(TimeSpan.FromSeconds(30), Read("30").ConnectionFactory("/", "police publisher").RequestedHeartbeat);
        foreach (var bad in new[] { "0", "601", "-5", "10s", "1.5" })
            Assert.Contains("'RabbitMq:HeartbeatSeconds'", Assert.Throws<InvalidOperationException>(() => Read(bad)).Message);
    }
}
