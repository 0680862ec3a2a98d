using System.Text;
using System.Text.Json;
using CareTracking.EventStore;
using MassTransit;
using RabbitMQ.Client;

namespace CareTracking.ServiceDefaults.Messaging;

/// <summary>Sends each outbox message by its transport: MassTransit publish for integration messages, plain
/// JSON to an exchange for feeds that non-.NET clients read.</summary>
internal sealed class OutboxTransports(BusTransport bus, AmqpTransport amqp) : IOutboxTransport
{
    public Task SendAsync(OutboxRecord message, CancellationToken ct) => message.Transport switch
    {
        OutboxMessage.Bus => bus.SendAsync(message, ct),
        OutboxMessage.Amqp => amqp.SendAsync(message, ct),
        _ => throw new UnsendableMessageException($"Unknown outbox transport '{message.Transport}'."),
    };
}

/// <summary>Publishes an integration message (a contract record, named by its full type name) with
/// MassTransit, keeping the outbox message id as the MassTransit MessageId so consumers' inboxes can drop
/// redeliveries. MassTransit waits for RabbitMQ's publisher confirm; the relay bounds the wait. The publish is
/// mandatory: a message no queue is bound for yet (its consumer's service has never started on this broker) comes
/// back from the broker instead of being confirmed and dropped, and stays in the outbox, tried again with backoff
/// and parked after the relay's attempts like any unsendable message (docs/reliability.md).</summary>
internal sealed class BusTransport(IBus bus)
{
    private static readonly Dictionary<string, Type> Contracts = typeof(Contracts.Placements.CarePeriodStarted).Assembly
        .GetTypes().Where(t => t.IsPublic && t.FullName is not null).ToDictionary(t => t.FullName!);

    public static string NameOf(Type contract) => contract.FullName!;

    public async Task SendAsync(OutboxRecord message, CancellationToken ct)
    {
        if (!Contracts.TryGetValue(message.MessageType, out var type))
            throw new UnsendableMessageException($"Outbox message type '{message.MessageType}' is not a contract in CareTracking.Contracts.");
        object body;
        try
        {
            body = JsonSerializer.Deserialize(message.Body, type, EventTypeRegistry.Json)!;
        }
        catch (JsonException e)
        {
            throw new UnsendableMessageException($"Outbox message body does not read as {message.MessageType}: {e.Message}", inner: e);
        }
        try
        {
            await PublishAsync(message, body, type, ct);
        }
        catch (MessageReturnedException returned)
        {
            // Returned, then confirmed: the connection is fine (so not the breaker's business), nobody listens yet.
            throw new UnsendableMessageException($"unroutable: no queue is bound for {message.MessageType} on this broker", inner: returned);
        }
    }

    /// <summary>The log category of what MassTransit writes while the relay publishes (JsonLogging turns it down).</summary>
    public const string PublishLogCategory = "MassTransit.OutboxRelay";

    private MassTransit.Logging.ILogContext? publishLog;

    private Task PublishAsync(OutboxRecord message, object body, Type type, CancellationToken ct)
    {
        // MassTransit logs a publish that fails (returned, timed out, cancelled) as an "S-FAULT" error with its stack
        // trace, under the category of the log context current as it sends. The relay reports each failure of its
        // publishes itself, so they run under a category of their own, which the logging configuration can turn down;
        // the bus's consumers, receive endpoints and connections keep logging under "MassTransit". Set here, in the
        // publish's own async flow, it does not outlive the publish.
        if (LogContext.Current is { } current)
            LogContext.Current = publishLog ??= current.CreateLogContext(PublishLogCategory);
        return bus.Publish(body, type, context =>
        {
            context.Mandatory = true;
            context.MessageId = message.MessageId;
            context.Headers.Set(SourceCheck.AuthorityHeader, message.Authority);
            // MassTransit carries the trace to its consumers in its own headers; the standard W3C header is set as
            // well, for any other reader of the queue.
            if (System.Diagnostics.Activity.Current is { IdFormat: System.Diagnostics.ActivityIdFormat.W3C, Id: { } traceParent })
                context.Headers.Set("traceparent", traceParent);
        }, ct);
    }
}

/// <summary>Sends plain JSON (no MassTransit envelope) to a durable topic exchange with publisher confirms,
/// persistent delivery, and the outbox message id as the AMQP message-id. The publish is mandatory: a message
/// no queue is bound for (a police force whose queue does not exist yet) comes back from the broker instead of
/// being dropped, and the relay parks it in the outbox for an operator to replay once the queue is bound.
/// The only such feed is the police alerts, so it goes to the police vhost (RabbitMq:PoliceVirtualHost), where
/// forces' users can read their own queues and nothing of the services' messages.</summary>
internal sealed class AmqpTransport(BrokerSettings broker) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IConnection? connection;
    private IChannel? channel;
    private readonly HashSet<string> declared = [];

    public async Task SendAsync(OutboxRecord message, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        var exchange = message.Destination;
        try
        {
            var ch = await ChannelAsync(ct);
            if (exchange is null) throw new UnsendableMessageException("An amqp outbox message needs a destination exchange.");
            if (declared.Add(exchange))
                await ch.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);
            var props = new BasicProperties
            {
                UserId = broker.UserName, // verified by the broker: a force can tell the alert came from the service
                MessageId = message.MessageId.ToString(),
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Type = message.MessageType,
                Timestamp = new AmqpTimestamp(message.CreatedAt.ToUnixTimeSeconds()),
                // W3C trace context, so a force's consumer can join the trace of the report that raised the alert.
                Headers = System.Diagnostics.Activity.Current is { IdFormat: System.Diagnostics.ActivityIdFormat.W3C, Id: { } traceParent }
                    ? new Dictionary<string, object?> { ["traceparent"] = traceParent }
                    : null,
            };
            // With confirmation tracking on, this completes only when the broker has confirmed the message.
            await ch.BasicPublishAsync(exchange, message.RoutingKey ?? "", mandatory: true, props, Encoding.UTF8.GetBytes(message.Body), ct);
            Telemetry.ServiceMetrics.PoliceAlertsSent.Add(1, new KeyValuePair<string, object?>("force", message.RoutingKey ?? ""));
        }
        catch (RabbitMQ.Client.Exceptions.PublishException returned) when (returned.IsReturn)
        {
            // Returned, then confirmed: the channel is fine, the message simply had nowhere to go.
            throw new UnsendableMessageException(
                $"unroutable: no queue is bound on exchange '{exchange}' for routing key '{message.RoutingKey}'", parkNow: true, inner: returned);
        }
        catch (UnsendableMessageException)
        {
            throw;
        }
        catch
        {
            await ResetAsync();
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        if (channel is { IsOpen: true }) return channel;
        await ResetAsync();
        var factory = broker.ConnectionFactory(broker.PoliceVirtualHost, "caretracking-outbox");
        connection = await factory.CreateConnectionAsync(ct);
        channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        declared.Clear();
        return channel;
    }

    private async Task ResetAsync()
    {
        try { if (channel is not null) await channel.DisposeAsync(); } catch (Exception) { /* already broken */ }
        try { if (connection is not null) await connection.DisposeAsync(); } catch (Exception) { /* already broken */ }
        channel = null;
        connection = null;
    }

    public async ValueTask DisposeAsync() => await ResetAsync();
}
