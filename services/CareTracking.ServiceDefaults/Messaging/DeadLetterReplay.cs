using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace CareTracking.ServiceDefaults.Messaging;

/// <summary>
/// Puts dead-lettered care messages (an endpoint's <c>&lt;queue&gt;_error</c>) back through their contract's
/// exchange, the only source the consumers believe (<see cref="SourceCheck"/>): a message shovelled straight back
/// into its queue is refused again and returns to the error queue. Every consumer bound to the contract gets the
/// message again; those that had applied it drop it by its message id (their inbox), so a replay is safe to repeat.
/// One message at a time: taken unacknowledged, published with the broker's confirmation (mandatory: a contract
/// with no queue bound is not a replay), then acknowledged. A crash in between leaves the message in the error
/// queue (and at worst published twice, which the inboxes absorb). Run by an operator as a broker user that may read
/// the error queue and write the contract exchanges (the administrator): tools/CareTracking.DeadLetters,
/// deploy/local/replay-dead-letters.sh.
/// </summary>
public static class DeadLetterReplay
{
    /// <param name="Replayed">Messages published to their contract's exchange and removed from the error queue.</param>
    /// <param name="Left">Messages still in the error queue afterwards.</param>
    /// <param name="StoppedBecause">Why it stopped before the end of the queue (the message it could not replay
    /// stays at the head of the queue), or null.</param>
    public sealed record Result(int Replayed, uint Left, string? StoppedBecause);

    /// <summary>What a dead-lettered message is, without its body (which holds child data).</summary>
    public sealed record Listed(string? MessageId, string? ContractExchange, string? Reason);

    /// <summary>Headers MassTransit adds when it moves a message to the error queue; they describe the failure, not
    /// the message, and a replay that fails again gets fresh ones.</summary>
    private static bool IsFaultHeader(string key) =>
        key.StartsWith("MT-Fault-", StringComparison.Ordinal) || key.StartsWith("MT-Host-", StringComparison.Ordinal) || key == "MT-Reason";

    /// <summary>The contract exchange a MassTransit envelope's first message type names
    /// ("urn:message:CareTracking.Contracts.Placements:CarePeriodStarted" → "CareTracking.Contracts.Placements:CarePeriodStarted"),
    /// or null for a body that is not a contract message's envelope.</summary>
    public static string? ContractExchangeOf(ReadOnlySpan<byte> body)
    {
        try
        {
            using var json = JsonDocument.Parse(body.ToArray());
            if (!json.RootElement.TryGetProperty("messageType", out var types) || types.ValueKind != JsonValueKind.Array) return null;
            foreach (var type in types.EnumerateArray())
                if (type.GetString() is { } urn && urn.StartsWith("urn:message:CareTracking.Contracts.", StringComparison.Ordinal))
                    return urn["urn:message:".Length..];
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Lists the error queue's messages (id, contract exchange, MassTransit's reason) and leaves them there.</summary>
    public static async Task<IReadOnlyList<Listed>> ListAsync(ConnectionFactory factory, string errorQueue, CancellationToken ct = default)
    {
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var count = (await channel.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount;
        var listed = new List<Listed>();
        for (var i = 0; i < count; i++)
        {
            if (await channel.BasicGetAsync(errorQueue, autoAck: false, ct) is not { } message) break;
            var reason = message.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var r) == true && r is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
            listed.Add(new Listed(message.BasicProperties.MessageId, ContractExchangeOf(message.Body.Span), reason));
        }
        // Closing the channel without acknowledging puts every message back, in order.
        return listed;
    }

    public static async Task<Result> ReplayAsync(ConnectionFactory factory, string errorQueue, int max = int.MaxValue, CancellationToken ct = default)
    {
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var count = (await channel.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount;
        var replayed = 0;
        string? stopped = null;
        for (var i = 0; i < count && replayed < max; i++)
        {
            if (await channel.BasicGetAsync(errorQueue, autoAck: false, ct) is not { } message) break;
            var body = message.Body.ToArray();
            if (ContractExchangeOf(body) is not { } exchange)
            {
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, ct);
                stopped = $"message {message.BasicProperties.MessageId} is not a contract message's MassTransit envelope; left at the head of the queue";
                break;
            }
            var original = message.BasicProperties;
            var props = new BasicProperties
            {
                MessageId = original.MessageId,
                CorrelationId = original.CorrelationId,
                ContentType = original.ContentType,
                Type = original.Type,
                Timestamp = original.Timestamp,
                DeliveryMode = DeliveryModes.Persistent,
                // Never user_id: the broker checks it against the replaying user (docs/reliability.md, SourceCheck).
                Headers = original.Headers?.Where(h => !IsFaultHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value),
            };
            try
            {
                await channel.BasicPublishAsync(exchange, "", mandatory: true, props, body, ct);
            }
            catch (PublishException returned) when (returned.IsReturn)
            {
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, ct);
                stopped = $"no queue is bound to '{exchange}' (message {original.MessageId} left at the head of the queue)";
                break;
            }
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            replayed++;
        }
        var left = (await channel.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount;
        return new Result(replayed, left, stopped);
    }
}
