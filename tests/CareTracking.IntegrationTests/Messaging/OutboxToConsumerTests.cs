using System.Collections.Concurrent;
using System.Net;
using CareTracking.Contracts.Placements;
using CareTracking.EventStore;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.IntegrationTests.Messaging;

/// <summary>A consumer in another service: records each care period it hears of, at most once per message.</summary>
public sealed class CarePeriodLedger(DocumentStore store, ConcurrentBag<Guid> deliveries) : IConsumer<CarePeriodStarted>
{
    public const string Name = "test.care-period-ledger";

    public async Task Consume(ConsumeContext<CarePeriodStarted> context)
    {
        var messageId = context.MessageId!.Value;
        deliveries.Add(messageId);
        if (await store.HasHandledAsync(Name, messageId)) return;
        var session = store.LightweightSession(context.Message.Authority);
        session.Execute($"insert into {store.Schema}.test_ledger (child_id, start_date) values (@c, @d)", p =>
        {
            p.AddWithValue("c", context.Message.ChildId);
            p.AddWithValue("d", context.Message.StartDate);
        });
        session.MarkHandled(Name, messageId);
        await session.SaveChangesAsync();
    }
}

public sealed class OutboxToConsumerTests(ServiceStack stack) : IClassFixture<ServiceStack>, IAsyncLifetime
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private readonly ConcurrentBag<Guid> deliveries = [];
    private ServiceProvider consumerSide = null!;
    private IBusControl bus = null!;
    private DocumentStore store = null!;

    public async Task InitializeAsync()
    {
        await Eventually.Within(TimeSpan.FromSeconds(30), () => placements.CreateClient().GetAsync("/health/ready"), r => r.IsSuccessStatusCode);
        await stack.ExecuteAsync("create table if not exists eventstore.test_ledger (child_id text, start_date date)");
        store = new DocumentStore(new StoreOptions(stack.Database, "LedgerService"), new EventTypeRegistry());
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddSingleton(deliveries);
        services.AddMassTransit(x =>
        {
            x.AddConsumer<CarePeriodLedger>().Endpoint(e => e.Name = "test-care-period-ledger");
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(stack.Broker);
                cfg.ConfigureEndpoints(context);
            });
        });
        consumerSide = services.BuildServiceProvider();
        bus = consumerSide.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }

    public async Task DisposeAsync()
    {
        await bus.StopAsync();
        await consumerSide.DisposeAsync();
        await store.DisposeAsync();
    }

    [Fact]
    public async Task a_care_period_reaches_another_service_through_the_outbox_and_a_redelivery_changes_nothing()
    {
        var client = placements.ClientFor("831", Scopes.PlacementsWrite);
        Assert.Equal(HttpStatusCode.Created, (await client.Post("/api/children/msg-1/entered-care", Requests.EnteredCare(date: "2025-05-02"))).StatusCode);

        await Eventually.Within(TimeSpan.FromSeconds(20), () => stack.ScalarAsync("select count(*) from eventstore.test_ledger where child_id = 'msg-1'"), n => n == 1);
        // The relay marks a message sent once the broker confirms it, which can be just after the consumer has it.
        Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(10),
            () => stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null"), n => n == 0));

        // Make the relay send it again, as after a crash between the broker's confirm and marking it sent.
        await stack.ExecuteAsync("update eventstore.ct_outbox set dispatched_at = null where body->>'childId' = 'msg-1'");
        await Eventually.Within(TimeSpan.FromSeconds(20), () => Task.FromResult(deliveries.Count), n => n >= 2);

        Assert.Equal(2, deliveries.Count);
        Assert.Single(deliveries.Distinct());
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.test_ledger where child_id = 'msg-1'"));
        Assert.Equal(1, await stack.ScalarAsync($"select count(*) from eventstore.ct_inbox where consumer = '{CarePeriodLedger.Name}'"));
    }
}
