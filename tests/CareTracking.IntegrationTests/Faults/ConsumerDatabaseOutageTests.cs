using CareTracking.Contracts.Placements;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>Missing episodes on a PostgreSQL of its own, stopped for longer than the consumers' old retry
/// budget (about 30 s) while a care-period message waits to be applied.</summary>
public sealed class ConsumerDatabaseOutageTests(RestartableDatabaseStack stack, ITestOutputHelper output) : IClassFixture<RestartableDatabaseStack>
{
    private readonly ServiceHost<MissingEpisodesHost> missing = stack.Start<MissingEpisodesHost>();

    private async Task<long> NotedAsync(string childId)
    {
        await using var conn = new NpgsqlConnection(stack.Database + ";Pooling=false");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from eventstore.mt_events where stream_id = @s and type = 'missing.care-period-noted.v1'", conn);
        cmd.Parameters.AddWithValue("s", $"missing:{childId}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<uint> DeadLettersAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = stack.Broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try { return (await channel.QueueDeclarePassiveAsync("missingepisodes-care-messages_error")).MessageCount; }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { return 0; } // no error queue: nothing ever failed
    }

    [Fact]
    public async Task a_care_period_message_consumed_while_postgresql_is_down_for_45_s_is_applied_once_it_is_back_and_nothing_is_dead_lettered()
    {
        await Eventually.Within(TimeSpan.FromSeconds(30), () => missing.CreateClient().GetAsync("/health/ready"), r => r.IsSuccessStatusCode);
        var services = new ServiceCollection();
        services.AddMassTransit(x => x.UsingRabbitMq((_, cfg) => cfg.Host(stack.Broker)));
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try
        {
            await stack.Postgres.StopServerAsync();
            var outage = System.Diagnostics.Stopwatch.StartNew();
            await bus.Publish(new CarePeriodStarted("831", "db-outage-1", new DateOnly(2025, 4, 10), "C2", "U4", "DE", "F",
                new DateOnly(2012, 3, 1), Guid.NewGuid()));
            await Task.Delay(TimeSpan.FromSeconds(45));
            await stack.Postgres.StartServerAsync();
            var down = outage.Elapsed;

            var noted = await Eventually.Within(TimeSpan.FromSeconds(120), () => NotedAsync("db-outage-1"), n => n > 0);
            output.WriteLine($"drill: PostgreSQL down {down.TotalSeconds:0} s with a message in flight; applied {outage.Elapsed.TotalSeconds - down.TotalSeconds:0.0} s after it came back");
            Assert.Equal(1, noted);
            Assert.Equal(0u, await DeadLettersAsync());
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
