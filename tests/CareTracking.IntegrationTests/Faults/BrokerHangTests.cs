using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>
/// The broker hangs rather than goes: its connections reset, and new ones are accepted but never answered, longer than
/// the relay's confirm timeout. That is what the RabbitMQ outage drill's proxy did when it came back pointing at itself,
/// and what a frozen broker node or a proxy in front of a dead one does. Both outbox transports (MassTransit for care
/// messages, RabbitMQ.Client for police alerts) must give up the unanswered handshakes and send everything once the
/// broker answers again.
/// </summary>
public sealed class BrokerHangTests(ProxiedBrokerServices services, ITestOutputHelper output) : IClassFixture<ProxiedBrokerServices>
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task with_the_broker_accepting_connections_but_never_answering_for_longer_than_the_confirm_timeout_every_care_message_and_alert_goes_once_it_answers_again_alerts_in_order()
    {
        await using var load = await BrokerFaultLoad.StartAsync(services, "hang");
        await load.WarmUpAsync("hang");

        services.Proxy.BlackHole();
        var hang = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 2; hang.Elapsed < Hang; i++)
        {
            if (i < 8) await load.ReportAsync($"hang-{i}");
            await load.EnterAsync($"hang-after-{i}");
            await Task.Delay(2_000);
        }
        var pendingAtEnd = await load.WaitingAsync();
        services.Proxy.Restore();
        var restored = System.Diagnostics.Stopwatch.StartNew();

        Assert.All(load.Statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.True(pendingAtEnd > 0, "Nothing waited in the outbox while the broker hung.");

        // Once the broker answers: every alert, each once and in the order reported; every child noted downstream;
        // the outbox empty, with nothing parked (a hang is the broker's fault, never the message's).
        var alerts = await load.Police.WaitForAsync(r => r.Select(a => a.AlertId).Distinct().Count() >= load.Reported.Count, TimeSpan.FromSeconds(90));
        var alertsAfter = restored.Elapsed;
        var noted = await Eventually.Within(TimeSpan.FromSeconds(60), load.NotedAsync, n => n == load.Entered.Count);
        var pending = await Eventually.Within(TimeSpan.FromSeconds(30), load.PendingAsync, n => n == 0);
        output.WriteLine($"broker hung {Hang.TotalSeconds:0} s: {load.Statuses.Count} posts all 201, {pendingAtEnd} messages waiting at the end; "
            + $"{alerts.Count} alerts ({alerts.Select(a => a.AlertId).Distinct().Count()} ids) of {load.Reported.Count} within {alertsAfter.TotalSeconds:0.0} s, "
            + $"{noted} of {load.Entered.Count} children noted, outbox left {pending}, {restored.Elapsed.TotalSeconds:0.0} s after the broker answered again");
        Assert.Equal(load.Reported.Select(c => PoliceRefs.For("derbyshire", "831", c)), alerts.DistinctBy(a => a.AlertId).Select(a => a.ChildRef));
        Assert.Equal(load.Reported.Count, alerts.Count);
        Assert.Equal(load.Entered.Count, noted);
        Assert.Equal(0, pending);
    }
}
