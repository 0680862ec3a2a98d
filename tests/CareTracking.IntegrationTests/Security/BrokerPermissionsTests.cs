using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CareTracking.Contracts.Placements;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// The broker is no longer one open door (issue 10, item 2): with the users and permissions the project's script
/// makes, a police force reads its own queue and nothing else, a service can write only what it owns, consumers
/// believe a care message only from Placements' broker user, and the services still work end to end as
/// their own users.
/// </summary>
public sealed class BrokerPermissionsTests(BrokerUsersStack stack) : IClassFixture<BrokerUsersStack>
{
    private const string CarePeriodStartedExchange = "CareTracking.Contracts.Placements:CarePeriodStarted";
    private const string AlertsExchange = "police.missing-alerts";
    private static readonly byte[] Forged = Encoding.UTF8.GetBytes("{\"authority\":\"831\"}");

    /// <summary>Runs <paramref name="action"/> on a new channel and expects the broker to refuse it (403
    /// ACCESS_REFUSED, or <paramref name="code"/>), synchronously or by closing the channel just after.</summary>
    internal static async Task AssertRefusedAsync(IConnection connection, Func<IChannel, Task> action, ushort code = 403)
    {
        var channel = await connection.CreateChannelAsync();
        try
        {
            await action(channel);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (channel.IsOpen && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.False(channel.IsOpen, "the broker allowed it");
            Assert.Equal(code, channel.CloseReason!.ReplyCode);
        }
        catch (OperationInterruptedException refused)
        {
            Assert.Equal(code, refused.ShutdownReason!.ReplyCode);
        }
        finally
        {
            channel.Dispose();
        }
    }

    /// <summary>The broker refuses <paramref name="user"/> the vhost (it has no permissions there): the connection
    /// fails, or is closed before a channel can be opened on it.</summary>
    private async Task AssertVhostRefusedAsync(string user, string vhost)
    {
        IConnection connection;
        try { connection = await stack.ConnectAsync(user, vhost); }
        catch (BrokerUnreachableException) { return; }
        await using (connection)
        {
            var opened = await Record.ExceptionAsync(async () => { await using var channel = await connection.CreateChannelAsync(); });
            Assert.True(opened is not null || !connection.IsOpen, $"{user} opened a channel on vhost {vhost}");
        }
    }

    [Fact]
    public async Task a_force_user_reads_its_own_queue_and_cannot_consume_another_forces_queue_bind_hash_declare_or_publish()
    {
        var derbyshire = stack.User("police-derbyshire");
        await using var connection = await stack.ConnectAsync(derbyshire, stack.PoliceVhost);

        await using (var own = await connection.CreateChannelAsync())
            Assert.False(string.IsNullOrEmpty(await own.BasicConsumeAsync("police.derbyshire.missing", false, new AsyncEventingBasicConsumer(own))));

        await AssertRefusedAsync(connection, ch => ch.BasicConsumeAsync("police.leicestershire.missing", false, new AsyncEventingBasicConsumer(ch)));
        await AssertRefusedAsync(connection, ch => ch.BasicGetAsync("police.leicestershire.missing", false));
        await AssertRefusedAsync(connection, ch => ch.QueueBindAsync("police.derbyshire.missing", AlertsExchange, "#"));
        await AssertRefusedAsync(connection, ch => ch.QueueBindAsync("police.derbyshire.missing", AlertsExchange, "leicestershire"));
        await AssertRefusedAsync(connection, ch => ch.QueueDeclareAsync("police.derbyshire.audit", true, false, false));
        await AssertRefusedAsync(connection, ch => ch.QueueDeclareAsync("", false, true, true));
        await AssertRefusedAsync(connection, ch => ch.BasicPublishAsync(AlertsExchange, "leicestershire", Forged).AsTask());
        await AssertRefusedAsync(connection, ch => ch.QueueDeleteAsync("police.leicestershire.missing"));
        // The services' vhost is closed to a force altogether.
        await AssertVhostRefusedAsync(derbyshire, stack.ServicesVhost);
    }

    [Fact]
    public async Task a_service_user_cannot_publish_care_messages_or_write_to_exchanges_and_queues_it_does_not_own()
    {
        // The consumers declared the contract exchange when they bound their queues; only Placements may write to it.
        foreach (var service in new[] { "missing-episodes", "reviews", "health", "indicators" })
        {
            await using var connection = await stack.ConnectAsync(stack.User(service), stack.ServicesVhost);
            await AssertRefusedAsync(connection, ch => ch.BasicPublishAsync(CarePeriodStartedExchange, "", Forged).AsTask());
            await AssertRefusedAsync(connection, ch => ch.ExchangeDeleteAsync(service == "reviews" ? "missingepisodes-care-messages" : "reviews-care-period"));
            // Through the default exchange a writer could drop a message straight into any queue.
            await AssertRefusedAsync(connection, ch => ch.BasicPublishAsync("", "reviews-care-period", Forged).AsTask());
            await AssertRefusedAsync(connection, ch => ch.BasicPublishAsync("", "missingepisodes-care-messages", Forged).AsTask());
        }
        await using (var missing = await stack.ConnectAsync(stack.User("missing-episodes"), stack.ServicesVhost))
        {
            await AssertRefusedAsync(missing, ch => ch.BasicPublishAsync("reviews-care-period", "", Forged).AsTask());
            await AssertRefusedAsync(missing, ch => ch.BasicConsumeAsync("reviews-care-period", false, new AsyncEventingBasicConsumer(ch)));
        }
        await using (var placements = await stack.ConnectAsync(stack.User("placements"), stack.ServicesVhost))
        {
            // Placements writes its contracts, as itself only: the broker checks the user_id it claims.
            await AssertRefusedAsync(placements, ch => ch.BasicPublishAsync(CarePeriodStartedExchange, "", false,
                new BasicProperties { UserId = stack.User("reviews") }, Forged).AsTask(), code: 406);
            await AssertRefusedAsync(placements, ch => ch.BasicConsumeAsync("missingepisodes-care-messages", false, new AsyncEventingBasicConsumer(ch)));
        }
        // Missing episodes may only publish to the alerts exchange on the police vhost, and read nothing there.
        await using (var missingPolice = await stack.ConnectAsync(stack.User("missing-episodes"), stack.PoliceVhost))
        {
            await AssertRefusedAsync(missingPolice, ch => ch.BasicConsumeAsync("police.derbyshire.missing", false, new AsyncEventingBasicConsumer(ch)));
            await AssertRefusedAsync(missingPolice, ch => ch.QueueBindAsync("police.derbyshire.missing", AlertsExchange, "#"));
        }
        foreach (var service in new[] { "placements", "reviews", "health", "indicators" })
            await AssertVhostRefusedAsync(stack.User(service), stack.PoliceVhost);
    }

    [Fact]
    public async Task the_services_work_end_to_end_as_their_own_users_and_the_force_receives_its_alert_on_its_own_queue()
    {
        var derbyshire = await ForceQueue.ConsumeAsync(stack, "derbyshire");
        var leicestershire = await ForceQueue.ConsumeAsync(stack, "leicestershire");
        try
        {
            var placements = Client(stack.Placements.CreateClient(), "831", Scopes.PlacementsWrite);
            Assert.Equal(HttpStatusCode.Created, (await placements.Post("/api/children/bu-derby-1/entered-care",
                MissingRequests.EnteredCare("2025-04-10", "DE22 3NE"))).StatusCode);

            var missingNoted = await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.ScalarAsync(
                "select count(*) from eventstore.mt_events where stream_id = 'missing:bu-derby-1' and type = 'missing.care-period-noted.v1'"), n => n > 0);
            var reviewsNoted = await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.ScalarAsync(
                "select count(*) from eventstore.mt_events where stream_id = 'reviews:bu-derby-1'"), n => n > 0);
            var healthNoted = await Eventually.Within(TimeSpan.FromSeconds(30), () => stack.ScalarAsync(
                "select count(*) from eventstore.mt_events where stream_id = 'health:bu-derby-1'"), n => n > 0);
            Assert.Equal((1L, 1L, 1L), (missingNoted, reviewsNoted, healthNoted));
            // Indicators started as its own user, with no rights at all on either vhost, and is ready.
            Assert.Equal(HttpStatusCode.OK, (await stack.Indicators.CreateClient().GetAsync("/health/ready")).StatusCode);

            var missing = Client(stack.Missing.CreateClient(), "831", Scopes.MissingWrite);
            Assert.Equal(HttpStatusCode.Created, (await missing.Post("/api/missing-episodes",
                MissingRequests.Report("bu-derby-1", DateTimeOffset.UtcNow.AddHours(-2), riskLevel: "high"))).StatusCode);

            var alert = await derbyshire.WaitForOneAsync();
            Assert.Equal(("831", PoliceRefs.For("derbyshire", "831", "bu-derby-1"), "derbyshire"), ((string)alert.Body["authority"]!, (string)alert.Body["childRef"]!, alert.RoutingKey));
            // The force can tell it came from the service: the broker verified the user_id.
            Assert.Equal(stack.User("missing-episodes"), alert.UserId);
            await Task.Delay(1_000);
            Assert.Empty(leicestershire.Received);
        }
        finally
        {
            await derbyshire.DisposeAsync();
            await leicestershire.DisposeAsync();
        }
    }

    [Fact]
    public async Task a_care_message_not_published_to_its_contracts_exchange_is_refused_by_the_consumers_and_left_in_their_error_queues()
    {
        // Missing episodes' own user may write to its own endpoint exchange (its queue is bound to it), and the vhost's
        // administrator straight into Reviews' queue; neither is Placements' exchange, so neither speaks for Placements.
        var forged = new CarePeriodStarted("831", "bu-forged", new DateOnly(2025, 4, 10), "C2", "U4", "DE", "F", new DateOnly(2012, 3, 1), Guid.NewGuid());
        await SendAsync(stack.ServicesAs(stack.User("missing-episodes")), "exchange:missingepisodes-care-messages", forged);
        await SendAsync(stack.Broker, "queue:reviews-care-period", forged with { SourceEventId = Guid.NewGuid() });

        foreach (var queue in new[] { "missingepisodes-care-messages_error", "reviews-care-period_error" })
        {
            var refused = await RefusalsAsync(queue, 1);
            Assert.True(refused.Count == 1 && refused.Values.All(r => r.Contains("not to its contract's exchange 'CareTracking.Contracts.Placements:CarePeriodStarted'")),
                queue + ": " + string.Join("; ", refused.Values));
        }
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id in ('missing:bu-forged', 'reviews:bu-forged')"));
    }

    /// <summary>Sends <paramref name="message"/> with a MassTransit bus of the test's own, connected as the URI's user.</summary>
    private static async Task SendAsync(Uri broker, string address, object message)
    {
        var services = new ServiceCollection();
        services.AddMassTransit(x => x.UsingRabbitMq((_, cfg) => cfg.Host(broker)));
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri(address));
            await endpoint.Send(message, message.GetType());
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>The refused messages for the forged child in an error queue, by message id, with their reasons
    /// (MassTransit's MT-Fault-Message header) and user_id, once there are <paramref name="expected"/>; the
    /// queue is the class's own, so it is emptied as it is read.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RefusalsAsync(string queue, int expected)
    {
        await using var connection = await new ConnectionFactory { Uri = stack.Broker }.CreateConnectionAsync();
        var refused = new Dictionary<string, string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (refused.Count < expected && DateTime.UtcNow < deadline)
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
                    if (Encoding.UTF8.GetString(message.Body.Span).Contains("bu-forged"))
                        refused[message.BasicProperties.MessageId ?? ""] =
                            (message.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var reason) == true && reason is byte[] bytes
                                ? Encoding.UTF8.GetString(bytes) : "(no reason)") + $" (user_id {message.BasicProperties.UserId ?? "none"})";
            }
            catch (OperationInterruptedException) { /* no error queue yet */ }
            await Task.Delay(200);
        }
        return refused;
    }

    private static HttpClient Client(HttpClient client, string authority, params string[] scopes)
    {
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(authority, scopes));
        return client;
    }

    /// <summary>A force's consumer as the force's own user: it can only consume the queue the operator made.</summary>
    private sealed class ForceQueue : IAsyncDisposable
    {
        public sealed record Alert(string RoutingKey, string? UserId, JsonObject Body);

        private readonly ConcurrentQueue<Alert> received = new();
        private IConnection connection = null!;
        private IChannel channel = null!;

        public IReadOnlyList<Alert> Received => received.ToArray();

        public static async Task<ForceQueue> ConsumeAsync(BrokerUsersStack stack, string force)
        {
            var queue = new ForceQueue();
            queue.connection = await stack.ConnectAsync(stack.User("police-" + force), stack.PoliceVhost);
            queue.channel = await queue.connection.CreateChannelAsync();
            var consumer = new AsyncEventingBasicConsumer(queue.channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                queue.received.Enqueue(new Alert(delivery.RoutingKey, delivery.BasicProperties.UserId,
                    JsonNode.Parse(Encoding.UTF8.GetString(delivery.Body.Span))!.AsObject()));
                return Task.CompletedTask;
            };
            await queue.channel.BasicConsumeAsync($"police.{force}.missing", autoAck: true, consumer);
            return queue;
        }

        public async Task<Alert> WaitForOneAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (received.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);
            return Assert.Single(Received);
        }

        public async ValueTask DisposeAsync()
        {
            try { await channel.CloseAsync(); } catch (Exception) { /* already closed */ }
            try { await connection.CloseAsync(); } catch (Exception) { /* already closed */ }
            channel.Dispose();
            connection.Dispose();
        }
    }
}
