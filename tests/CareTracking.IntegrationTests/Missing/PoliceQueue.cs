using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CareTracking.IntegrationTests.Missing;

public sealed record ReceivedAlert(string? MessageId, string RoutingKey, string ContentType, JsonObject Body, DateTimeOffset ReceivedAt)
{
    public string Kind => (string)Body["kind"]!;
    public string ChildRef => (string)Body["childRef"]!;
    public Guid AlertId => Guid.Parse((string)Body["alertId"]!);

    /// <summary>Whether the alert is about <paramref name="childId"/> of the alert's authority: its childRef is the
    /// pseudonym this force sees for that child.</summary>
    public bool IsAbout(string childId) => ChildRef == PoliceRefs.For(RoutingKey, (string)Body["authority"]!, childId);
}

/// <summary>
/// A police force's consumer written against RabbitMQ.Client alone, as a force's own system would be: a queue
/// bound to the alerts exchange with the force's routing key, reading plain JSON. A named queue is durable and
/// outlives a broker restart; an unnamed one is the connection's own.
/// </summary>
public sealed class PoliceQueue : IAsyncDisposable
{
    public const string Exchange = "police.missing-alerts";
    private readonly ConcurrentQueue<ReceivedAlert> received = new();
    private IConnection connection = null!;
    private IChannel channel = null!;

    public static async Task<PoliceQueue> BindAsync(Uri broker, string force, string? durableQueue = null)
    {
        var queue = new PoliceQueue();
        queue.connection = await new ConnectionFactory { Uri = broker, AutomaticRecoveryEnabled = false }.CreateConnectionAsync();
        queue.channel = await queue.connection.CreateChannelAsync();
        await queue.channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var name = durableQueue is null
            ? (await queue.channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName
            : (await queue.channel.QueueDeclareAsync(durableQueue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-expires"] = 600_000 })).QueueName; // gone 10 minutes after its last use
        await queue.channel.QueueBindAsync(name, Exchange, force);
        var consumer = new AsyncEventingBasicConsumer(queue.channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            queue.received.Enqueue(new ReceivedAlert(delivery.BasicProperties.MessageId, delivery.RoutingKey,
                delivery.BasicProperties.ContentType ?? "", JsonNode.Parse(Encoding.UTF8.GetString(delivery.Body.Span))!.AsObject(),
                DateTimeOffset.UtcNow));
            return Task.CompletedTask;
        };
        await queue.channel.BasicConsumeAsync(name, autoAck: true, consumer);
        return queue;
    }

    public IReadOnlyList<ReceivedAlert> Received => received.ToArray();

    /// <summary>Waits until the received alerts satisfy <paramref name="done"/> or the time is up; returns them.</summary>
    public async Task<IReadOnlyList<ReceivedAlert>> WaitForAsync(Func<IReadOnlyList<ReceivedAlert>, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
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
