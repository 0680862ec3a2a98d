using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CareTracking.EventStore;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>Two instances each of Placements, Missing episodes and Indicators on one database and one vhost, as
/// two machines behind a load balancer would run them: each pair shares its outbox, its projections' checkpoints
/// and its consumer queue.</summary>
public sealed class TwoInstancesOfEachService : IAsyncLifetime
{
    public ServiceStack Stack { get; } = new();
    public ServiceHost<PlacementsHost>[] Placements { get; private set; } = [];
    public ServiceHost<MissingEpisodesHost>[] Missing { get; private set; } = [];
    public ServiceHost<IndicatorsHost>[] Indicators { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Stack.InitializeAsync();
        // One of each first (each applies its schema alone), then the second instances side by side.
        Placements = [new(Stack), new(Stack)];
        Missing = [new(Stack), new(Stack)];
        Indicators = [new(Stack), new(Stack)];
        await Task.WhenAll(Task.Run(() => _ = Placements[0].Server), Task.Run(() => _ = Missing[0].Server), Task.Run(() => _ = Indicators[0].Server));
        await Task.WhenAll(Task.Run(() => _ = Placements[1].Server), Task.Run(() => _ = Missing[1].Server), Task.Run(() => _ = Indicators[1].Server));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Indicators.Concat<IAsyncDisposable>(Missing).Concat(Placements)) await host.DisposeAsync();
        await Stack.DisposeAsync();
    }
}

/// <summary>
/// Issue 16, "two instances of every service": posts reach either instance, the same post reaches both at once,
/// two writers race with the same If-Match, and the instances share one outbox and one set of projections. Nothing
/// may be stored, sent or applied twice or lost; one instance leads each relay and projection; when a leader stops,
/// the other takes over within 10 s.
/// </summary>
public sealed class TwoInstancesTests(TwoInstancesOfEachService services, ITestOutputHelper output) : IClassFixture<TwoInstancesOfEachService>
{
    private const string Authority = "831";
    private const int Children = 30;
    private ServiceStack Stack => services.Stack;

    private static string Child(int i) => $"two-{i:D2}";
    private static Guid EnteredId(int i) => Guid.Parse($"00000000-0000-4000-8000-{i:D12}");
    private static Guid ReportId(int i) => Guid.Parse($"00000000-0000-4000-9000-{i:D12}");
    private static Guid EpisodeId(int i) => Guid.Parse($"00000000-0000-4000-a000-{i:D12}");

    private static object EnteredCare(int i) => Requests.EnteredCare(eventId: EnteredId(i));

    [Fact]
    public async Task two_instances_of_placements_missing_episodes_and_indicators_store_send_and_apply_everything_once_with_one_leader_each_and_fail_over_when_it_stops()
    {
        var clock = Stopwatch.StartNew();
        var placements = services.Placements.Select(h => h.ClientFor(Authority, Scopes.PlacementsWrite, Scopes.PlacementsRead)).ToArray();
        var missing = services.Missing.Select(h => h.ClientFor(Authority, Scopes.MissingWrite, Scopes.MissingRead)).ToArray();
        await using var police = await PoliceQueue.BindAsync(Stack.Broker, "derbyshire");
        await using var placementMessages = await ContractQueue.BindAsync(Stack.Broker,
            "CareTracking.Contracts.Placements:CarePeriodStarted", "CareTracking.Contracts.Placements:PlacementChanged");

        // 1. Every child enters care through one instance or the other; the first ten through both at once, with the
        //    same eventId and body (a client retrying on another instance before the first answered).
        var entered = await Task.WhenAll(Enumerable.Range(0, Children).Select(async i =>
        {
            var url = $"/api/children/{Child(i)}/entered-care";
            if (i >= 10) return new[] { await placements[i % 2].Post(url, EnteredCare(i)) };
            return await Task.WhenAll(placements[0].Post(url, EnteredCare(i)), placements[1].Post(url, EnteredCare(i)));
        }));
        foreach (var (answers, i) in entered.Select((a, i) => (a, i)))
        {
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
            if (i < 10)
            {
                var replays = await Task.WhenAll(answers.Select(async a => (bool)(await a.Body())["replay"]!));
                Assert.Equal(1, replays.Count(r => !r)); // one stored it, the other answered the same as a replay
            }
        }

        // 2. Ten children each get two legal status changes at once, one through each instance, both with If-Match
        //    at the version after entry: exactly one is stored, the other is told the record moved on (412).
        var raced = await Task.WhenAll(Enumerable.Range(10, 10).Select(async i =>
        {
            var etag = entered[i][0].Headers.ETag!.Tag;
            return await Task.WhenAll(Enumerable.Range(0, 2).Select(n =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/api/children/{Child(i)}/legal-status-changes")
                {
                    Content = JsonContent.Create(new { date = $"2025-05-0{n + 1}", legalStatus = "C1" }, options: Requests.Json),
                };
                request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
                return placements[n].SendAsync(request);
            }));
        }));
        foreach (var pair in raced)
        {
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.PreconditionFailed], pair.Select(a => a.StatusCode).Order());
        }

        // 3. Once Missing episodes knows every child, the first ten are reported missing through both of its
        //    instances at once, same eventId and episode: each report alerts the police once.
        Assert.Equal(Children, await Eventually.Within(TimeSpan.FromSeconds(30),
            () => Stack.ScalarAsync("select count(distinct stream_id) from eventstore.mt_events where type = 'missing.care-period-noted.v1'"),
            n => n == Children));
        var lastSeen = DateTimeOffset.UtcNow.AddHours(-2);
        var reports = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.WhenAll(missing.Select(m =>
            m.Post("/api/missing-episodes", MissingRequests.Report(Child(i), lastSeen, episodeId: EpisodeId(i), eventId: ReportId(i)))))));
        foreach (var pair in reports)
        {
            Assert.All(pair, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
            Assert.Equal(1, (await Task.WhenAll(pair.Select(async a => (bool)(await a.Body())["replay"]!))).Count(r => !r));
        }

        await SettledAsync();
        output.WriteLine($"posted and settled in {clock.Elapsed.TotalSeconds:0.0} s");

        // Stored once: one entry per child with the client's eventId, one change per raced child, one report each.
        Assert.Equal(Children, await Stack.ScalarAsync("select count(*) from eventstore.mt_events where type = 'placements.child-entered-care.v1' and stream_id like 'two-%'"));
        Assert.Equal(Children, await Stack.ScalarAsync("select count(distinct id) from eventstore.mt_events where type = 'placements.child-entered-care.v1' and id::text like '00000000-0000-4000-8000-%'"));
        Assert.Equal(10, await Stack.ScalarAsync("select count(*) from eventstore.mt_events where type = 'placements.legal-status-changed.v1'"));
        Assert.Equal(10, await Stack.ScalarAsync("select count(*) from eventstore.mt_events where id::text like '00000000-0000-4000-9000-%'"));

        await AssertSentAndAppliedOnceAsync(placementMessages, police, alerts: 10);
        await AssertOneLeaderEachAsync();

        // 4. Failover: the Indicators instance leading its projection stops, then the Placements instance leading
        //    the relay; the other instances take over, and what is posted meanwhile still arrives, once.
        var indicatorsLeader = LeaderOf(services.Indicators);
        var standbyIndicators = services.Indicators[1 - indicatorsLeader];
        // Timed from the start of the stop: a host's graceful stop is part of its failover.
        var stopping = Stopwatch.StartNew();
        await services.Indicators[indicatorsLeader].DisposeAsync();
        var projectionTookOver = await TakeOverAsync(stopping, () => Runners(standbyIndicators).All(r => r.IsLeader));
        output.WriteLine($"Indicators' projection led by the other instance {projectionTookOver.TotalMilliseconds:0} ms after its leader stopped");

        var placementsLeader = LeaderOf(services.Placements);
        var standbyPlacements = services.Placements[1 - placementsLeader];
        stopping.Restart();
        await services.Placements[placementsLeader].DisposeAsync();
        var relayTookOver = await TakeOverAsync(stopping, () => Relay(standbyPlacements).IsLeader);
        output.WriteLine($"Placements' relay led by the other instance {relayTookOver.TotalMilliseconds:0} ms after its leader stopped");
        Assert.True(projectionTookOver < TimeSpan.FromSeconds(10) && relayTookOver < TimeSpan.FromSeconds(10),
            $"failover took {projectionTookOver} (projection) and {relayTookOver} (relay)");

        var survivor = placements[1 - placementsLeader];
        for (var i = Children; i < Children + 5; i++)
            Assert.Equal(HttpStatusCode.Created, (await survivor.Post($"/api/children/{Child(i)}/entered-care", EnteredCare(i))).StatusCode);
        Assert.Equal(Children + 5, await Eventually.Within(TimeSpan.FromSeconds(30),
            () => Stack.ScalarAsync("select count(distinct stream_id) from eventstore.mt_events where type = 'missing.care-period-noted.v1'"),
            n => n == Children + 5));
        await SettledAsync();
        await AssertSentAndAppliedOnceAsync(placementMessages, police, alerts: 10);
        output.WriteLine($"whole run {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Every outbox row sent and every event Indicators reads copied (up to 30 s).</summary>
    private async Task SettledAsync()
    {
        var left = await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
            await Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null")
            + await Stack.ScalarAsync($"select count(*) from eventstore.mt_events where type = any({IndicatorsReads}) and seq_id not in (select seq_id from eventstore.ind_events)"),
            n => n == 0);
        Assert.True(left == 0, $"{left} outbox rows unsent or events not copied by Indicators after 30 s");
    }

    private static string IndicatorsReads =>
        "array[" + string.Join(", ", new ChildEventsProjection(null!).EventTypes!.Select(t => $"'{t}'")) + "]";

    private async Task AssertSentAndAppliedOnceAsync(ContractQueue placementMessages, PoliceQueue police, int alerts)
    {
        // The broker got each Placements outbox message once, with its outbox id: two relays never both sent one.
        var outbox = await Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where transport = 'bus' and (message_type like '%Placements%CarePeriodStarted' or message_type like '%Placements%PlacementChanged')");
        var received = await placementMessages.WaitForAsync(r => r.Count >= outbox);
        await Task.Delay(500); // and nothing more comes
        Assert.Equal(outbox, placementMessages.Received.Count);
        Assert.Equal(outbox, placementMessages.Received.Distinct().Count());
        Assert.Equal(outbox, await Stack.ScalarAsync(
            $"select count(*) from eventstore.ct_outbox where message_id = any(array[{string.Join(", ", received.Select(id => $"'{id}'::uuid"))}])"));

        // Missing episodes (two instances competing for one queue) applied each Placements message once.
        Assert.Equal(0, await Stack.ScalarAsync(
            "select count(*) from (select 1 from eventstore.mt_events where stream_id like 'missing:%' and data ? 'sourceEventId' group by stream_id, data->>'sourceEventId' having count(*) > 1) doubled"));
        Assert.Equal(await Stack.ScalarAsync("select count(distinct stream_id) from eventstore.mt_events where type = 'placements.child-entered-care.v1'"),
            await Stack.ScalarAsync("select count(*) from eventstore.mt_events where type = 'missing.care-period-noted.v1'"));

        // Each report alerted the police once: one alert id per report, delivered once.
        var alertsReceived = await police.WaitForAsync(r => r.Count >= alerts);
        Assert.Equal(alerts, alertsReceived.Count);
        Assert.Equal(alerts, alertsReceived.Select(a => a.AlertId).Distinct().Count());

        // Indicators (two instances, one projection) copied each event it reads once.
        Assert.Equal(await Stack.ScalarAsync($"select count(*) from eventstore.mt_events where type = any({IndicatorsReads})"),
            await Stack.ScalarAsync("select count(*) from eventstore.ind_events"));
        Assert.Equal(0, await Stack.ScalarAsync("select count(*) - count(distinct event_id) from eventstore.ind_events"));
    }

    private async Task AssertOneLeaderEachAsync()
    {
        // In each pair exactly one instance leads the relay and each projection, and the server agrees: one session
        // holds each lock.
        Assert.Equal(1, services.Placements.Count(h => Relay(h).IsLeader));
        Assert.Equal(1, services.Missing.Count(h => Relay(h).IsLeader));
        Assert.Equal(1, services.Indicators.Count(h => Relay(h).IsLeader));
        var runners = services.Indicators.SelectMany(Runners).ToList();
        Assert.NotEmpty(runners);
        foreach (var name in runners.Select(r => r.Name).Distinct())
        {
            Assert.Equal(1, runners.Count(r => r.Name == name && r.IsLeader));
            Assert.Equal(1, await HoldersAsync($"ct-projection:eventstore:{name}"));
        }
        Assert.Equal(3, await Stack.ScalarAsync(
            "select count(*) from pg_locks l join pg_stat_activity a using (pid) where l.locktype = 'advisory' and l.granted and a.application_name = 'ct-leader:outbox' and a.datname = current_database()"));
    }

    // Advisory locks belong to a database, and every test class's Indicators takes the same key in its own: count
    // this database's holders only (a full run counted another class's leader, "Expected 1, Actual 2").
    private Task<long> HoldersAsync(string key) => Stack.ScalarAsync(
        $"select count(*) from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database()) and ((classid::bigint << 32) | objid::bigint) = hashtext('{key}')::bigint");

    private static OutboxRelay Relay<T>(ServiceHost<T> host) where T : class => host.Services.GetRequiredService<OutboxRelayService>().Relay;
    private static IReadOnlyList<ProjectionRunner> Runners<T>(ServiceHost<T> host) where T : class => host.Services.GetRequiredService<ProjectionService>().Runners;

    private static int LeaderOf<T>(ServiceHost<T>[] pair) where T : class =>
        typeof(T) == typeof(ChildEventsProjection)
            ? Array.FindIndex(pair, h => Runners(h).Any(r => r.IsLeader))
            : Array.FindIndex(pair, h => Relay(h).IsLeader);

    private static async Task<TimeSpan> TakeOverAsync(Stopwatch sinceStop, Func<bool> led)
    {
        while (!led() && sinceStop.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(20);
        return sinceStop.Elapsed;
    }
}

/// <summary>A queue of the test's own bound to contract exchanges: the message id of every message the broker
/// delivered, in arrival order, duplicates kept.</summary>
public sealed class ContractQueue : IAsyncDisposable
{
    private readonly ConcurrentQueue<Guid> received = new();
    private IConnection connection = null!;
    private IChannel channel = null!;

    public static async Task<ContractQueue> BindAsync(Uri broker, params string[] exchanges)
    {
        var queue = new ContractQueue();
        queue.connection = await new ConnectionFactory { Uri = broker, AutomaticRecoveryEnabled = false }.CreateConnectionAsync();
        queue.channel = await queue.connection.CreateChannelAsync();
        var name = (await queue.channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in exchanges)
        {
            // As MassTransit declares a message type's exchange.
            await queue.channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await queue.channel.QueueBindAsync(name, exchange, "");
        }
        var consumer = new AsyncEventingBasicConsumer(queue.channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            queue.received.Enqueue(Guid.Parse(delivery.BasicProperties.MessageId!));
            return Task.CompletedTask;
        };
        await queue.channel.BasicConsumeAsync(name, autoAck: true, consumer);
        return queue;
    }

    public IReadOnlyList<Guid> Received => received.ToArray();

    public async Task<IReadOnlyList<Guid>> WaitForAsync(Func<IReadOnlyList<Guid>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done(Received) && DateTime.UtcNow < deadline) await Task.Delay(50);
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        try { await channel.CloseAsync(); } catch (Exception) { /* the broker may be gone */ }
        try { await connection.CloseAsync(); } catch (Exception) { /* the broker may be gone */ }
        channel.Dispose();
        connection.Dispose();
    }
}
