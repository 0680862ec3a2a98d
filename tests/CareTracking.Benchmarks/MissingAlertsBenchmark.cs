using System.Collections.Concurrent;
using System.Diagnostics;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareTracking.EventStore;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Police;
using CareTracking.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CareTracking.Benchmarks;

/// <summary>
/// Report → police alert latency: the Missing episodes service on Kestrel (loopback, in this process) against
/// the real PostgreSQL and RabbitMQ, a plain AMQP consumer bound to the force's key, and reports posted at a
/// fixed rate, each for a different child already known to be in care. Latency is from the start of the POST
/// to the alert's arrival at the consumer (so it includes the HTTP call, the append, the outbox relay's poll,
/// the publisher confirm and delivery).
/// </summary>
public static class MissingAlertsBenchmark
{
    private const string SigningKey = "benchmark-signing-key-0123456789-abcdefghij";
    private const string Authority = "831";
    private static readonly TimeSpan TargetP99 = TimeSpan.FromMilliseconds(250);

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 50);
        var seconds = Option(args, "--seconds", 60);
        var warmUp = rate * 2;
        var total = rate * seconds;
        Console.WriteLine($"missing-alerts: {rate} reports/s for {seconds} s ({total} reports, {warmUp} warm-up), {Environment.ProcessorCount} cores");

        var database = await TestStack.CreateDatabaseAsync("ct_bench");
        var broker = await TestStack.CreateVirtualHostAsync("ct-bench");
        var appDatabase = await TestStack.AsAppRoleAsync(database);
        // The service's files (appsettings) are copied beside this program; run it from here.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CARETRACKING_MISSINGEPISODES", AppContext.BaseDirectory);
        await using var service = new WebApplicationFactory<MissingEpisodesHost>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:EventStore", appDatabase);
            b.UseSetting("ConnectionStrings:EventStoreMigration", database);
            b.UseSetting("RabbitMq:Uri", broker.ToString());
            b.UseSetting("Auth:SigningKey", SigningKey);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        service.UseKestrel(k => k.Listen(IPAddress.Loopback, 0)); // loopback only, any free port
        service.StartServer();
        using var http = service.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        Console.WriteLine($"service on {http.BaseAddress}");
        await WaitReadyAsync(http);

        var children = Enumerable.Range(0, warmUp + total).Select(i => $"bench-{i:D6}").ToList();
        await SeedInCareAsync(database, children);

        var sentAt = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentDictionary<string, double>();
        // The force sees a pseudonym per child (made with the development key here), not the child id.
        var childOf = children.ToDictionary(c => CareTracking.MissingEpisodes.Police.ChildRefKey.Development.For("derbyshire", Authority, c));
        await using var consumer = await AlertConsumer.BindAsync(broker, "derbyshire", (childRef, receivedAt) =>
        {
            if (childOf.TryGetValue(childRef, out var child) && sentAt.TryGetValue(child, out var sent))
                latencies.TryAdd(child, Stopwatch.GetElapsedTime(sent, receivedAt).TotalMilliseconds);
        });

        var failures = 0;
        async Task PostAsync(string child)
        {
            sentAt[child] = Stopwatch.GetTimestamp();
            var lastSeen = DateTimeOffset.UtcNow.AddHours(-1);
            var response = await http.PostAsJsonAsync("/api/missing-episodes", new
            {
                childId = child,
                kind = "M",
                lastSeenAt = lastSeen,
                reportedAt = lastSeen.AddMinutes(30),
                riskLevel = "medium",
                exploitationRisk = new { criminal = false, sexual = false },
            });
            if (response.StatusCode != HttpStatusCode.Created) Interlocked.Increment(ref failures);
        }

        await SendAtRateAsync(children.Take(warmUp).ToList(), rate, PostAsync);
        await WaitForAsync(() => latencies.Count >= warmUp, TimeSpan.FromSeconds(30));
        latencies.Clear();

        var measured = children.Skip(warmUp).ToList();
        var elapsed = Stopwatch.StartNew();
        await SendAtRateAsync(measured, rate, PostAsync);
        var sendSeconds = elapsed.Elapsed.TotalSeconds;
        await WaitForAsync(() => measured.All(latencies.ContainsKey), TimeSpan.FromSeconds(60));

        var sorted = measured.Where(latencies.ContainsKey).Select(c => latencies[c]).Order().ToArray();
        var lost = measured.Count - sorted.Length;
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine($"sent {measured.Count} reports in {sendSeconds:F1} s ({measured.Count / sendSeconds:F1}/s); HTTP failures {failures}; alerts missing {lost}");
        Console.WriteLine($"report → alert latency (ms): p50 {P(0.50):F1}  p95 {P(0.95):F1}  p99 {P(0.99):F1}  max {sorted.LastOrDefault():F1}");
        var pass = failures == 0 && lost == 0 && P(0.99) < TargetP99.TotalMilliseconds;
        Console.WriteLine($"target: p99 < {TargetP99.TotalMilliseconds} ms with no failures or losses: {(pass ? "PASS" : "FAIL")}");
        return pass ? 0 : 1;
    }

    /// <summary>Starts one post every 1/rate seconds on a fixed schedule (not waiting for answers, so a slow
    /// answer delays nothing else), then waits for all of them.</summary>
    private static async Task SendAtRateAsync(IReadOnlyList<string> children, int rate, Func<string, Task> post)
    {
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var start = Stopwatch.GetTimestamp();
        var posts = new List<Task>(children.Count);
        for (var i = 0; i < children.Count; i++)
        {
            var due = interval * i - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero) await Task.Delay(due);
            posts.Add(post(children[i]));
        }
        await Task.WhenAll(posts);
    }

    /// <summary>Seeds each child's stream with what Placements' CarePeriodStarted would have noted (in care in
    /// a DE placement since 2024), so every report is for a child known to be in care and is alerted at once.</summary>
    private static async Task SeedInCareAsync(string database, IReadOnlyList<string> children)
    {
        var types = new EventTypeRegistry().RegisterAssembly(typeof(EpisodeEvent).Assembly);
        await using var store = new DocumentStore(new StoreOptions(database, "BenchmarkSeed"), types);
        foreach (var batch in children.Chunk(500))
        {
            var session = store.LightweightSession(Authority);
            foreach (var child in batch)
                session.Events.StartStream(MissingChildStream.Events.Type, MissingChildStream.IdOf(child), new PendingEvent(
                    new CarePeriodNoted(Authority, child, new DateOnly(2024, 1, 10), "DE", "F", new DateOnly(2010, 6, 15), Guid.NewGuid())));
            await session.SaveChangesAsync();
        }
    }

    private static async Task WaitReadyAsync(HttpClient http)
    {
        await WaitForAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(60));
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan within) => await WaitForAsync(() => Task.FromResult(done()), within);

    private static async Task WaitForAsync(Func<Task<bool>> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await done() && DateTime.UtcNow < deadline) await Task.Delay(50);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value > 0 ? value : fallback;
    }

    private static string Token() => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
        issuer: "caretracking-dev", audience: "caretracking",
        claims: [new Claim("authority", Authority), new Claim("scope", "missing:write"), new Claim("client_id", "benchmark"), new Claim("sub", "benchmark")],
        notBefore: DateTime.UtcNow.AddMinutes(-5), expires: DateTime.UtcNow.AddMinutes(55), // the services refuse tokens valid for over an hour
        signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256)));

    /// <summary>A force's consumer on RabbitMQ.Client alone, noting when each child's first alert arrives.</summary>
    private sealed class AlertConsumer : IAsyncDisposable
    {
        private IConnection connection = null!;
        private IChannel channel = null!;

        public static async Task<AlertConsumer> BindAsync(Uri broker, string force, Action<string, long> received)
        {
            var consumer = new AlertConsumer();
            consumer.connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
            consumer.channel = await consumer.connection.CreateChannelAsync();
            await consumer.channel.ExchangeDeclareAsync(PoliceAlerts.Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
            var queue = (await consumer.channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
            await consumer.channel.QueueBindAsync(queue, PoliceAlerts.Exchange, force);
            var events = new AsyncEventingBasicConsumer(consumer.channel);
            events.ReceivedAsync += (_, delivery) =>
            {
                var at = Stopwatch.GetTimestamp();
                var body = JsonNode.Parse(Encoding.UTF8.GetString(delivery.Body.Span))!;
                received((string)body["childRef"]!, at);
                return Task.CompletedTask;
            };
            await consumer.channel.BasicConsumeAsync(queue, autoAck: true, events);
            return consumer;
        }

        public async ValueTask DisposeAsync()
        {
            await channel.CloseAsync();
            await connection.CloseAsync();
        }
    }
}
