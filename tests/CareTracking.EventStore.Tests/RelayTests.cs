using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.EventStore.Tests;

/// <summary>
/// The outbox relay against the faults a broker can have: down (a publish that fails or is cancelled), frozen
/// (a publish that never returns), and a message it can never take. The transport here stands in for the broker
/// client only to inject those faults; PostgreSQL is real. The same faults against a real RabbitMQ are in
/// CareTracking.IntegrationTests (Faults/BrokerFaultTests).
/// </summary>
public sealed class RelayTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: RelayTests");

    private static readonly OutboxRelayOptions Fast = new()
    {
        LeaderRetry = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        BreakDuration = TimeSpan.FromMilliseconds(500), // Polly's least
        SendTimeout = TimeSpan.FromMilliseconds(500),
    };

    private sealed class FaultyBroker : IOutboxTransport
    {
        public volatile Func<OutboxRecord, CancellationToken, Task>? Fault;
        private readonly List<string> sent = [];
        public IReadOnlyList<string> Sent { get { lock (sent) return sent.ToList(); } }

        public async Task SendAsync(OutboxRecord message, CancellationToken ct)
        {
            if (Fault is { } fault) await fault(message, ct);
            if (message.MessageType == "poison") throw new UnsendableMessageException("no contract is called poison");
            if (message.MessageType == "unbound") throw new UnsendableMessageException("unroutable: no queue bound", parkNow: true);
            lock (sent) sent.Add(message.MessageType);
        }
    }

    private static async Task StageAsync(DocumentStore store, params string[] types)
    {
        foreach (var type in types)
        {
            var session = store.LightweightSession("831");
            session.Publish(new OutboxMessage(Guid.NewGuid(), OutboxMessage.Bus, type, new { type }));
            await session.SaveChangesAsync();
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(50);
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task a_publish_cancelled_or_failing_while_the_broker_is_down_never_ends_the_relay_and_everything_goes_once_it_is_back()
    {
        await using var store = db.NewStore("relay-down");
        var broker = new FaultyBroker
        {
            // What MassTransit's publish did in the 60 s outage drill: a TaskCanceledException the relay had not asked for.
            Fault = (_, _) => Task.FromException(new TaskCanceledException("The host connection was not available")),
        };
        var relay = new OutboxRelay(store, broker, Fast, Logs.Null);
        using var stop = new CancellationTokenSource();
        await StageAsync(store, "m1", "m2", "m3");
        var run = relay.RunAsync(stop.Token);

        await Eventually(() => Task.FromResult(relay.State.FailingSince), s => s is not null, TimeSpan.FromSeconds(30));
        broker.Fault = (_, _) => Task.FromException(new InvalidOperationException("connection refused"));
        await Task.Delay(1_000);
        Assert.False(run.IsCompleted, $"The relay ended while the broker was down: {run.Exception?.InnerException?.Message}");
        Assert.NotNull(relay.State.FailingSince);
        Assert.Empty(broker.Sent);

        await StageAsync(store, "m4");
        broker.Fault = null;
        var sent = await Eventually(() => Task.FromResult(broker.Sent), s => s.Count >= 4, TimeSpan.FromSeconds(30));
        Assert.Equal(["m1", "m2", "m3", "m4"], sent);
        await Eventually(() => Task.FromResult(relay.State.FailingSince), s => s is null, TimeSpan.FromSeconds(5));
        Assert.Null(relay.State.FailingSince);
        stop.Cancel();
        await run;
    }

    [Fact]
    public async Task a_publish_that_never_returns_is_bounded_by_the_send_timeout_and_counted_as_a_failure()
    {
        await using var store = db.NewStore("relay-frozen");
        var frozen = new TaskCompletionSource();
        // A frozen connection: the client ignores its token and never answers.
        var broker = new FaultyBroker { Fault = (_, _) => frozen.Task };
        var relay = new OutboxRelay(store, broker, Fast, Logs.Null);
        using var stop = new CancellationTokenSource();
        await StageAsync(store, "f1", "f2");
        var run = relay.RunAsync(stop.Token);

        var state = await Eventually(() => Task.FromResult(relay.State), s => s.LastError is not null, TimeSpan.FromSeconds(30));
        Assert.Contains("TimeoutException", state.LastError);
        broker.Fault = null;
        var sent = await Eventually(() => Task.FromResult(broker.Sent), s => s.Count >= 2, TimeSpan.FromSeconds(30));
        Assert.Equal(["f1", "f2"], sent.Distinct());
        stop.Cancel();
        await run;
        frozen.SetResult();
    }

    [Fact]
    public async Task a_message_that_cannot_be_sent_is_parked_after_max_attempts_with_its_error_and_the_rest_flow()
    {
        await using var store = db.NewStore("relay-poison");
        var broker = new FaultyBroker();
        var relay = new OutboxRelay(store, broker, Fast with { MaxAttempts = 3 }, Logs.Null);
        using var stop = new CancellationTokenSource();
        await StageAsync(store, "poison", "a1", "a2", "a3", "a4", "a5");
        var run = relay.RunAsync(stop.Token);

        var sent = await Eventually(() => Task.FromResult(broker.Sent), s => s.Count >= 5, TimeSpan.FromSeconds(30));
        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], sent);
        Assert.Equal(3, await ScalarAsync("select attempts from eventstore.ct_outbox where source = 'relay-poison' and message_type = 'poison' and parked_at is not null and dispatched_at is null and last_error like '%no contract is called poison%'"));
        Assert.Equal((0L, 1L), await OutboxRelay.CountsAsync(store));
        stop.Cancel();
        await run;
    }

    [Fact]
    public async Task a_pending_message_with_a_transaction_id_ahead_of_the_servers_as_after_a_restore_into_a_new_cluster_is_counted_stranded_and_goes_once_renumbered()
    {
        await using var store = db.NewStore("relay-stranded");
        var broker = new FaultyBroker();
        await StageAsync(store, "restored", "current");
        await ScalarAsync("update eventstore.ct_outbox set tx_id = (pg_current_xact_id()::text::bigint + 1000000)::text::xid8 where source = 'relay-stranded' and message_type = 'restored'");
        Assert.Equal(1, await OutboxRelay.StrandedCountAsync(store));

        var relay = new OutboxRelay(store, broker, Fast, Logs.Null);
        using var stop = new CancellationTokenSource();
        var run = relay.RunAsync(stop.Token);
        var sent = await Eventually(() => Task.FromResult(broker.Sent), s => s.Count >= 2, TimeSpan.FromSeconds(3));
        Assert.Equal(["current"], sent); // the relay does not fail: it finds nothing it may send yet
        Assert.Null(relay.State.FailingSince);
        Assert.Equal(1, await OutboxRelay.StrandedCountAsync(store));

        // What deploy/local/after-restore.sql does: the id renumbered below the server's, and the message goes.
        await ScalarAsync("update eventstore.ct_outbox set tx_id = pg_current_xact_id() where source = 'relay-stranded' and message_type = 'restored'");
        Assert.Equal(0, await OutboxRelay.StrandedCountAsync(store));
        sent = await Eventually(() => Task.FromResult(broker.Sent), s => s.Count >= 2, TimeSpan.FromSeconds(30));
        Assert.Equal(["current", "restored"], sent);
        stop.Cancel();
        await run;
    }

    [Fact]
    public async Task an_unroutable_message_is_parked_at_once_and_a_replay_sends_it_once_it_can_go()
    {
        await using var store = db.NewStore("relay-unbound");
        var broker = new FaultyBroker();
        var relay = new OutboxRelay(store, broker, Fast, Logs.Null);
        using var stop = new CancellationTokenSource();
        await StageAsync(store, "unbound", "b1");
        var run = relay.RunAsync(stop.Token);

        await Eventually(() => Task.FromResult(broker.Sent), s => s.Count >= 1, TimeSpan.FromSeconds(30));
        Assert.Equal(1, await ScalarAsync("select attempts from eventstore.ct_outbox where source = 'relay-unbound' and message_type = 'unbound' and parked_at is not null and last_error like 'unroutable%'"));

        // The force binds its queue; the operator replays what it missed.
        await ScalarAsync("update eventstore.ct_outbox set message_type = 'bound-now' where source = 'relay-unbound' and message_type = 'unbound'");
        Assert.Equal(0, await OutboxRelay.ReplayParkedAsync(store, "855"));
        Assert.Equal(1, await OutboxRelay.ReplayParkedAsync(store, "831"));
        var sent = await Eventually(() => Task.FromResult(broker.Sent), s => s.Count >= 2, TimeSpan.FromSeconds(30));
        Assert.Equal(["b1", "bound-now"], sent);
        Assert.Equal((0L, 0L), await OutboxRelay.CountsAsync(store));
        stop.Cancel();
        await run;
    }

    [Fact]
    public async Task the_purge_deletes_old_dispatched_rows_and_old_inbox_marks_and_keeps_parked_pending_and_recent_ones()
    {
        await using var store = db.NewStore("relay-purge");
        await StageAsync(store, "old-sent", "new-sent", "old-parked", "old-pending");
        await ScalarAsync(
            """
            update eventstore.ct_outbox set created_at = now() - interval '40 days',
                dispatched_at = case message_type when 'old-sent' then now() - interval '8 days' when 'new-sent' then now() - interval '1 day' end,
                parked_at = case message_type when 'old-parked' then now() - interval '30 days' end
            where source = 'relay-purge'
            """);
        var oldMark = Guid.NewGuid();
        var newMark = Guid.NewGuid();
        await ScalarAsync($"insert into eventstore.ct_inbox (consumer, message_id, handled_at) values ('purge-test', '{oldMark}', now() - interval '31 days'), ('purge-test', '{newMark}', now() - interval '29 days')");

        await using var conn = await store.SystemDataSource.OpenConnectionAsync();
        await OutboxRelay.PurgeAsync(store, conn, new OutboxRelayOptions(), CancellationToken.None);

        Assert.Equal(3, await ScalarAsync("select count(*) from eventstore.ct_outbox where source = 'relay-purge' and message_type in ('new-sent', 'old-parked', 'old-pending')"));
        Assert.Equal(0, await ScalarAsync("select count(*) from eventstore.ct_outbox where source = 'relay-purge' and message_type = 'old-sent'"));
        Assert.Equal(1, await ScalarAsync($"select count(*) from eventstore.ct_inbox where consumer = 'purge-test' and message_id = '{newMark}'"));
        Assert.Equal(0, await ScalarAsync($"select count(*) from eventstore.ct_inbox where consumer = 'purge-test' and message_id = '{oldMark}'"));
    }
}
