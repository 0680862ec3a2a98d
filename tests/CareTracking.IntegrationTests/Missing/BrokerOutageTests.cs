using System.Net;
using System.Net.Http.Headers;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareTracking.IntegrationTests.Missing;

/// <summary>
/// A RabbitMQ node of this class's own (<see cref="PrivateRabbitMq"/>), so stopping it leaves the shared broker,
/// and every other test class, alone. Placements and Missing episodes run against it and the class's own
/// database.
/// </summary>
public sealed class FaultBrokerServices : IAsyncLifetime
{
    private PrivateRabbitMq node = null!;
    public ServiceStack Stack { get; } = new();
    public Uri Broker => node.Uri;
    public WebApplicationFactory<PlacementsHost> Placements { get; private set; } = null!;
    public WebApplicationFactory<MissingEpisodesHost> Missing { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Stack.InitializeAsync();
        node = await PrivateRabbitMq.StartAsync();
        Placements = new ServiceHost<PlacementsHost>(Stack).WithWebHostBuilder(b => b.UseSetting("RabbitMq:Uri", Broker.ToString()));
        Missing = new ServiceHost<MissingEpisodesHost>(Stack).WithWebHostBuilder(b => b.UseSetting("RabbitMq:Uri", Broker.ToString()));
    }

    public Task StopBrokerAsync() => node.StopAsync();
    public Task StartBrokerAsync() => node.StartAgainAsync();

    public HttpClient Client<T>(WebApplicationFactory<T> host, string authority, string scope) where T : class
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(authority, scope));
        return client;
    }

    public async Task DisposeAsync()
    {
        await StartBrokerAsync(); // a failed test may have left it stopped; the hosts stop cleanly against a live broker
        await Missing.DisposeAsync();
        await Placements.DisposeAsync();
        await Stack.DisposeAsync();
        await node.DisposeAsync();
    }
}

public sealed class BrokerOutageTests(FaultBrokerServices services) : IClassFixture<FaultBrokerServices>
{
    private const int Reports = 12;

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task with_rabbitmq_stopped_every_report_is_still_201_and_its_alert_arrives_in_order_once_rabbitmq_is_back_and_a_resent_alert_keeps_its_id()
    {
        var queue = $"police.derbyshire.outage-{Guid.NewGuid():N}";
        await using (await PoliceQueue.BindAsync(services.Broker, "derbyshire", queue)) { } // the force's durable queue, bound before the outage
        var placements = services.Client(services.Placements, "831", Scopes.PlacementsWrite);
        var missing = services.Client(services.Missing, "831", Scopes.MissingWrite);
        var children = Enumerable.Range(1, Reports).Select(i => $"outage-{i:D2}").ToList();
        foreach (var child in children)
            Assert.Equal(HttpStatusCode.Created, (await placements.Post($"/api/children/{child}/entered-care", MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode);
        var noted = await Eventually.Within(TimeSpan.FromSeconds(30),
            () => services.Stack.ScalarAsync("select count(*) from eventstore.mt_events where type = 'missing.care-period-noted.v1'"), n => n == Reports);
        Assert.Equal(Reports, noted);

        // A third of the reports before the broker goes, a third while it is stopping, a third while it is down.
        var statuses = new List<HttpStatusCode>();
        async Task ReportAsync(string child) =>
            statuses.Add((await missing.Post("/api/missing-episodes", MissingRequests.Report(child, HoursAgo(2)))).StatusCode);
        foreach (var child in children.Take(Reports / 3)) await ReportAsync(child);
        var stopping = services.StopBrokerAsync();
        foreach (var child in children.Skip(Reports / 3).Take(Reports / 3))
        {
            await ReportAsync(child);
            await Task.Delay(250);
        }
        await stopping;
        foreach (var child in children.Skip(2 * Reports / 3)) await ReportAsync(child);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.True(await services.Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where transport = 'amqp' and dispatched_at is null") > 0,
            "With RabbitMQ down, alerts should be waiting in the outbox.");

        await services.StartBrokerAsync();
        await using var derbyshire = await PoliceQueue.BindAsync(services.Broker, "derbyshire", queue);
        var received = await derbyshire.WaitForAsync(r => r.Select(a => a.AlertId).Distinct().Count() >= Reports, TimeSpan.FromSeconds(90));

        // At least once: a consumer that drops repeated alert ids sees every report once, in the order reported.
        var firstSeen = received.DistinctBy(a => a.AlertId).ToList();
        Assert.Equal(children.Select(c => PoliceRefs.For("derbyshire", "831", c)), firstSeen.Select(a => a.ChildRef));
        Assert.All(firstSeen, a => Assert.Equal("reported", a.Kind));
        // Marked sent once the broker confirms, which can be just after the consumer has the alert.
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(10),
            () => services.Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where transport = 'amqp' and dispatched_at is null"), n => n == 0));

        // Re-send one alert from the outbox: it arrives again with the same alert id, so the force can drop it.
        var resent = firstSeen[Reports / 2];
        await services.Stack.ExecuteAsync($"update eventstore.ct_outbox set dispatched_at = null where message_id = '{resent.AlertId}'");
        var again = await derbyshire.WaitForAsync(r => r.Count(a => a.AlertId == resent.AlertId) > received.Count(a => a.AlertId == resent.AlertId));
        var copies = again.Where(a => a.AlertId == resent.AlertId).ToList();
        Assert.True(copies.Count > received.Count(a => a.AlertId == resent.AlertId), "The re-sent alert never arrived.");
        Assert.All(copies, a => Assert.Equal((resent.AlertId.ToString(), resent.Body.ToJsonString()), (a.MessageId, a.Body.ToJsonString())));
        Assert.Equal(Reports, again.Select(a => a.AlertId).Distinct().Count());
    }
}
