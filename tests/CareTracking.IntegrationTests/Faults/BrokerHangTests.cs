using System.Net;
using System.Net.Http.Headers;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;
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

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private HttpClient Client<T>(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<T> host, string scope) where T : class
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("831", scope));
        return client;
    }

    [Fact]
    public async Task with_the_broker_accepting_connections_but_never_answering_for_longer_than_the_confirm_timeout_every_care_message_and_alert_goes_once_it_answers_again_alerts_in_order()
    {
        var queue = $"police.derbyshire.hang-{Guid.NewGuid():N}";
        await using var police = await PoliceQueue.BindAsync(services.Stack.Broker, "derbyshire", queue); // straight to the broker
        var placements = Client(services.Placements, Scopes.PlacementsWrite);
        var missing = Client(services.Missing, Scopes.MissingWrite);
        var statuses = new List<HttpStatusCode>();
        var entered = new List<string>();
        var reported = new List<string>();
        async Task EnterAsync(string child)
        {
            statuses.Add((await placements.Post($"/api/children/{child}/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode);
            entered.Add(child);
        }
        async Task ReportAsync(string child)
        {
            statuses.Add((await missing.Post("/api/missing-episodes", MissingRequests.Report(child, HoursAgo(2)))).StatusCode);
            reported.Add(child);
        }

        for (var i = 0; i < 8; i++) await EnterAsync($"hang-{i}");
        Assert.Equal(8, await Eventually.Within(TimeSpan.FromSeconds(30), NotedAsync, n => n == 8));
        await ReportAsync("hang-0");
        await ReportAsync("hang-1");
        Assert.Equal(2, (await police.WaitForAsync(r => r.Count >= 2, TimeSpan.FromSeconds(30))).Count);

        services.Proxy.BlackHole();
        var hang = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 2; hang.Elapsed < Hang; i++)
        {
            if (i < 8) await ReportAsync($"hang-{i}");
            await EnterAsync($"hang-after-{i}");
            await Task.Delay(2_000);
        }
        var pendingAtEnd = await services.Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null");
        services.Proxy.Restore();
        var restored = System.Diagnostics.Stopwatch.StartNew();

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.True(pendingAtEnd > 0, "Nothing waited in the outbox while the broker hung.");

        // Once the broker answers: every alert, each once and in the order reported; every child noted downstream;
        // the outbox empty, with nothing parked (a hang is the broker's fault, never the message's).
        var alerts = await police.WaitForAsync(r => r.Select(a => a.AlertId).Distinct().Count() >= reported.Count, TimeSpan.FromSeconds(90));
        var alertsAfter = restored.Elapsed;
        var noted = await Eventually.Within(TimeSpan.FromSeconds(60), NotedAsync, n => n == entered.Count);
        var pending = await Eventually.Within(TimeSpan.FromSeconds(30),
            () => services.Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null or parked_at is not null"), n => n == 0);
        output.WriteLine($"broker hung {Hang.TotalSeconds:0} s: {statuses.Count} posts all 201, {pendingAtEnd} messages waiting at the end; "
            + $"{alerts.Count} alerts ({alerts.Select(a => a.AlertId).Distinct().Count()} ids) of {reported.Count} within {alertsAfter.TotalSeconds:0.0} s, "
            + $"{noted} of {entered.Count} children noted, outbox left {pending}, {restored.Elapsed.TotalSeconds:0.0} s after the broker answered again");
        Assert.Equal(reported.Select(c => PoliceRefs.For("derbyshire", "831", c)), alerts.DistinctBy(a => a.AlertId).Select(a => a.ChildRef));
        Assert.Equal(reported.Count, alerts.Count);
        Assert.Equal(entered.Count, noted);
        Assert.Equal(0, pending);
    }

    private Task<long> NotedAsync() =>
        services.Stack.ScalarAsync("select count(distinct stream_id) from eventstore.mt_events where type = 'missing.care-period-noted.v1'");
}
