using CareTracking.Testing;
using RabbitMQ.Client;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>
/// Placements' relay publishes mandatory (docs/reliability.md): a care message no queue is bound for comes back and
/// stays in the outbox. A test class that starts Placements without every consumer of its messages (Missing
/// episodes alone takes <c>PlacementChanged</c>) would see its outbox held back by retries and then parked. So each
/// stack's vhost gets one queue standing in for the consumers it does not start, bound to every contract's exchange
/// as MassTransit declares it (fanout, durable), keeping at most one message. A class that tests the returned path
/// itself turns it off (<see cref="ServiceStack.StandInForAbsentConsumers"/>).
/// </summary>
public static class StandInConsumers
{
    public const string Queue = "ct-it-stand-in-consumers";

    public static async Task DeclareAsync(Uri broker)
    {
        var vhost = Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'));
        var factory = new ConnectionFactory { Uri = TestStack.AmqpServer, VirtualHost = vhost };
        await using var connection = await factory.CreateConnectionAsync("stand-in-consumers");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-max-length"] = 1, ["x-overflow"] = "drop-head" });
        foreach (var contract in Contracts())
        {
            await channel.ExchangeDeclareAsync(contract, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(Queue, contract, "");
        }
    }

    /// <summary>The exchange MassTransit publishes each contract record to: its namespace, a colon, its name.</summary>
    private static IEnumerable<string> Contracts() =>
        typeof(CareTracking.Contracts.Placements.CarePeriodStarted).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.IsClass && !(t.IsAbstract && t.IsSealed))
            .Select(t => $"{t.Namespace}:{t.Name}");
}
