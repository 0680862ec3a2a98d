using CareTracking.Contracts.Placements;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>
/// Issue 16, item 4: a dead-lettered care message must be replayable by a documented command. The source check
/// (a care message is believed only from its contract's exchange) refuses one shovelled straight back into its
/// queue, so the replay (<see cref="DeadLetterReplay"/>, tools/CareTracking.DeadLetters) publishes it to the
/// contract's exchange instead. Against the real broker, with Missing episodes consuming.
/// </summary>
public sealed class DeadLetterReplayTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private const string Queue = "missingepisodes-care-messages";
    private const string ErrorQueue = Queue + "_error";
    private readonly ServiceHost<MissingEpisodesHost> missing = stack.Start<MissingEpisodesHost>();

    private ConnectionFactory Admin => new() { Uri = stack.Broker };

    private static CarePeriodStarted Started(string child) =>
        new("831", child, new DateOnly(2025, 4, 10), "C2", "U4", "DE", "F", new DateOnly(2012, 3, 1), Guid.NewGuid());

    /// <summary>Sends a care message straight into Missing episodes' queue, as a shovel from the error queue would,
    /// with the authority header Placements' outbox adds.</summary>
    private async Task SendStraightToQueueAsync(CarePeriodStarted message, Guid messageId)
    {
        var services = new ServiceCollection();
        services.AddMassTransit(x => x.UsingRabbitMq((_, cfg) => cfg.Host(stack.Broker)));
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri("queue:" + Queue));
            await endpoint.Send(message, ctx =>
            {
                ctx.MessageId = messageId;
                ctx.Headers.Set(SourceCheck.AuthorityHeader, message.Authority);
            });
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private async Task<uint> CountAsync(string queue)
    {
        await using var connection = await Admin.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try { return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount; }
        catch (OperationInterruptedException) { return 0; } // not declared yet
    }

    private Task<long> NotedAsync(string child) =>
        stack.ScalarAsync($"select count(*) from eventstore.mt_events where stream_id = 'missing:{child}'");

    [Fact]
    public async Task a_dead_lettered_care_period_message_is_replayed_through_its_contract_exchange_and_applied_once()
    {
        // Missing episodes is up and its queue is bound to the contract's exchange.
        await Eventually.Within(TimeSpan.FromSeconds(60), () => CountAsync(Queue).ContinueWith(_ => missing.CreateClient().GetAsync("/health/ready")).Unwrap(),
            r => r.IsSuccessStatusCode);

        // A message put straight into the queue (what a shovel from the error queue does) is refused: dead-lettered.
        var messageId = Guid.NewGuid();
        var message = Started("DLR1");
        await SendStraightToQueueAsync(message, messageId);
        Assert.Equal(1u, await Eventually.Within(TimeSpan.FromSeconds(30), () => CountAsync(ErrorQueue), n => n == 1));
        Assert.Equal(0, await NotedAsync("DLR1"));

        var listed = Assert.Single(await DeadLetterReplay.ListAsync(Admin, ErrorQueue));
        Assert.Equal(messageId.ToString(), listed.MessageId);
        Assert.Equal(SourceCheck.ExchangeOf(typeof(CarePeriodStarted)), listed.ContractExchange);
        Assert.Contains("not to its contract's exchange", listed.Reason);
        Assert.Equal(1u, await CountAsync(ErrorQueue)); // listing leaves it there

        // The replay publishes it to the contract's exchange: believed, applied, and gone from the error queue.
        var replay = await DeadLetterReplay.ReplayAsync(Admin, ErrorQueue);
        Assert.Equal(new DeadLetterReplay.Result(1, 0, null), replay);
        var noted = await Eventually.Within(TimeSpan.FromSeconds(30), () => NotedAsync("DLR1"), n => n > 0);

        // The same message dead-lettered and replayed again (an operator running the replay twice, or a message that
        // had in fact been applied before it was dead-lettered) is dropped by its id: still applied once.
        await SendStraightToQueueAsync(message, messageId);
        await Eventually.Within(TimeSpan.FromSeconds(30), () => CountAsync(ErrorQueue), n => n == 1);
        Assert.Equal(1, (await DeadLetterReplay.ReplayAsync(Admin, ErrorQueue)).Replayed);
        // A second child's message replayed after it is a marker that the consumer has got that far.
        await SendStraightToQueueAsync(Started("DLR2"), Guid.NewGuid());
        await Eventually.Within(TimeSpan.FromSeconds(30), () => CountAsync(ErrorQueue), n => n == 1);
        Assert.Equal(1, (await DeadLetterReplay.ReplayAsync(Admin, ErrorQueue)).Replayed);
        await Eventually.Within(TimeSpan.FromSeconds(30), () => NotedAsync("DLR2"), n => n > 0);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(noted, await NotedAsync("DLR1"));
        Assert.Equal(0u, await CountAsync(ErrorQueue));
        Assert.Equal(0u, await CountAsync(Queue));
    }

    [Fact]
    public void only_a_contract_messages_envelope_names_an_exchange_to_replay_to()
    {
        Assert.Equal("CareTracking.Contracts.Placements:CarePeriodStarted", DeadLetterReplay.ContractExchangeOf(
            """{"messageId":"x","messageType":["urn:message:CareTracking.Contracts.Placements:CarePeriodStarted"],"message":{}}"""u8));
        Assert.Null(DeadLetterReplay.ContractExchangeOf("""{"messageType":["urn:message:Other:Thing"]}"""u8));
        Assert.Null(DeadLetterReplay.ContractExchangeOf("""{"authority":"831"}"""u8));
        Assert.Null(DeadLetterReplay.ContractExchangeOf("not json"u8));
    }
}
