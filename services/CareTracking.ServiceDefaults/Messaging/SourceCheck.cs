using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CareTracking.ServiceDefaults.Messaging;

/// <summary>
/// Consumers act on the authority a message names (<c>message.Authority</c>), so where it came from matters. A
/// contract message (CareTracking.Contracts.*) is believed only when it was published to its contract's own
/// exchange ("CareTracking.Contracts.Placements:CarePeriodStarted"), which the broker lets only the owning
/// service's user write (deploy/broker/permissions.txt): not when it was put straight into the consumer's queue or
/// endpoint exchange, which the consumer's own user (or anyone who took its credentials) could do. The authority
/// header the outbox adds, from the row the message was stored under, must agree with the body. A message that
/// fails goes to the endpoint's error queue unretried, logged without its body.
/// </summary>
/// <remarks>The AMQP user_id would name the publishing user, but MassTransit keeps it when it moves a failed message to
/// the error queue, and the broker refuses that move from any other user: one failing message would loop for ever.</remarks>
public static class SourceCheck
{
    private const string ContractsPrefix = "CareTracking.Contracts.";
    public const string AuthorityHeader = "ct-authority";

    /// <summary>The exchange MassTransit publishes a contract to.</summary>
    public static string ExchangeOf(Type contract) => $"{contract.Namespace}:{contract.Name}";

    /// <summary>Why a message may not be consumed, or null. <paramref name="publishedTo"/> is the exchange the message
    /// was published to (AMQP basic.deliver keeps it through exchange-to-exchange bindings).</summary>
    public static string? Refusal(Type messageType, string? publishedTo, string? authorityHeader, string? bodyAuthority)
    {
        if (messageType.Namespace is not { } ns || !ns.StartsWith(ContractsPrefix, StringComparison.Ordinal)) return null;
        var expected = ExchangeOf(messageType);
        if (publishedTo != expected)
            return $"published to exchange '{publishedTo}', not to its contract's exchange '{expected}', which only its owner may write";
        if (authorityHeader is not null && authorityHeader != bodyAuthority)
            return $"its {AuthorityHeader} header and its body name different authorities";
        return null;
    }

    public sealed class Filter<T>(ILogger<Filter<T>> log) : IFilter<ConsumeContext<T>> where T : class
    {
        private static readonly ConcurrentDictionary<Type, PropertyInfo?> AuthorityProperty = new();

        public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
        {
            var exchange = context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? rabbit.Exchange : null;
            var body = AuthorityProperty.GetOrAdd(typeof(T), t => t.GetProperty("Authority", typeof(string)))?.GetValue(context.Message) as string;
            var refusal = Refusal(typeof(T), exchange, context.Headers.Get<string>(AuthorityHeader), body);
            if (refusal is not null)
            {
                log.LogWarning("Refused message {MessageId} of type {MessageType}: {Reason}", context.MessageId, typeof(T).Name, refusal);
                throw new UntrustedMessageException($"Refused a {typeof(T).Name}: {refusal}.");
            }
            await next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("source-check");
    }
}

/// <summary>A message from a source that may not send it: never retried, left in the error queue.</summary>
public sealed class UntrustedMessageException(string message) : Exception(message);
