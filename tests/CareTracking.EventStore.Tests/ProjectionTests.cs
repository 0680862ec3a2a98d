using CareTracking.EventStore;
using Npgsql;
using Xunit.Abstractions;

namespace CareTracking.EventStore.Tests;

/// <summary>Counts events per stream. Its upsert adds, so applying an event twice would show.</summary>
public sealed class EventCountProjection(string schema, string table) : IProjection
{
    public string Name => table;
    public Func<int, NpgsqlConnection, Task>? DuringBatch { get; set; }
    private int batches;

    public async Task EnsureTableAsync(NpgsqlDataSource ds)
    {
        await using var conn = await ds.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand($"create table if not exists {schema}.{table} (authority text, stream_id text, events bigint, primary key (authority, stream_id))", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> batch, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var half = batch.Count / 2;
        for (var i = 0; i < batch.Count; i++)
        {
            if (i == half && DuringBatch is { } hook) await hook(++batches, conn);
            await using var cmd = new NpgsqlCommand(
                $"insert into {schema}.{table} values (@a, @s, 1) on conflict (authority, stream_id) do update set events = {table}.events + 1", conn, tx);
            cmd.Parameters.AddWithValue("a", batch[i].Authority);
            cmd.Parameters.AddWithValue("s", batch[i].StreamId);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"truncate {schema}.{table}", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

public sealed class ProjectionTests(StoreDatabase db, ITestOutputHelper output) : IClassFixture<StoreDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: ProjectionTests");

    private DocumentStore Store => db.Store;

    private async Task AppendMany(string prefix, int streams, int eventsEach)
    {
        for (var s = 0; s < streams; s++)
        {
            var session = Store.LightweightSession(s % 2 == 0 ? "831" : "855");
            session.Events.Append("thing", $"{prefix}-{s}", null,
                Enumerable.Range(0, eventsEach).Select(i => new PendingEvent(new ThingHappened($"e{i}", i))).ToArray());
            await session.SaveChangesAsync();
        }
    }

    private async Task<Dictionary<string, long>> ReadModel(string table)
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand($"select authority || '/' || stream_id, events from {Store.Schema}.{table}", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<string, long>();
        while (await r.ReadAsync()) rows[r.GetString(0)] = r.GetInt64(1);
        return rows;
    }

    private async Task<Dictionary<string, long>> CountsFromEvents(string prefix)
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            $"select tenant_id || '/' || stream_id, count(*) from {Store.Schema}.mt_events where stream_id like @p group by 1", conn);
        cmd.Parameters.AddWithValue("p", prefix + "-%");
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<string, long>();
        while (await r.ReadAsync()) rows[r.GetString(0)] = r.GetInt64(1);
        return rows;
    }

    /// <summary>Runs batches until nothing committed is left after the checkpoint. An empty batch alone does not
    /// mean done: a transaction open elsewhere on the server may hold the feed's fence back for a moment.</summary>
    private async Task DrainAsync(ProjectionRunner runner, IProjection projection)
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await Checkpoints.LagAsync(Store, projection.Name, projection.EventTypes) > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The projection did not catch up within 30 s.");
            if (await runner.ProcessBatchAsync(conn, CancellationToken.None) == 0) await Task.Delay(50);
        }
    }

    [Fact]
    public async Task a_projector_killed_mid_batch_leaves_a_read_model_equal_to_a_rebuild_from_zero()
    {
        await AppendMany("kill", streams: 30, eventsEach: 7);
        var projection = new EventCountProjection(Store.Schema, "counts_kill");
        await projection.EnsureTableAsync(Store.DataSource);
        var runner = new ProjectionRunner(Store, projection, new ProjectionOptions { BatchSize = 40 }, Logs.Null);

        // The third batch loses its connection halfway through its writes, as a crashed process would.
        projection.DuringBatch = async (batch, conn) =>
        {
            if (batch != 3) return;
            await using var killer = await Store.DataSource.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand("select pg_terminate_backend(@pid)", killer);
            cmd.Parameters.AddWithValue("pid", conn.ProcessID);
            await cmd.ExecuteNonQueryAsync();
        };
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => DrainAsync(runner, projection));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(db.ConnectionString));
        projection.DuringBatch = null;
        // After the crash the read model holds exactly the events up to the stored checkpoint: no more (the
        // killed batch left nothing), no fewer.
        var appliedBeforeCrash = (await ReadModel("counts_kill")).Where(x => x.Key.Contains("/kill-")).Sum(x => x.Value);
        await using (var check = await Store.DataSource.OpenConnectionAsync())
        {
            var checkpoint = await Checkpoints.ReadAsync(Store, check, null, projection.Name, CancellationToken.None);
            await using var covered = new NpgsqlCommand(
                $"select count(*) from {Store.Schema}.mt_events where stream_id like 'kill-%' and (tx_id, seq_id) <= (@tx::text::xid8, @seq)", check);
            covered.Parameters.AddWithValue("tx", checkpoint.TxId.ToString());
            covered.Parameters.AddWithValue("seq", checkpoint.Sequence);
            Assert.Equal((long)(await covered.ExecuteScalarAsync())!, appliedBeforeCrash);
            Assert.InRange(appliedBeforeCrash, 0, 30 * 7 - 1); // the killed batch left the rest to do
        }

        // A crashed process restarts with nothing in memory: a new runner, which knows only the stored checkpoint.
        // Were the checkpoint behind the read model (kept in memory, or committed apart), it would re-apply
        // batches already counted, and the counts below would be too high.
        runner = new ProjectionRunner(Store, projection, new ProjectionOptions { BatchSize = 40 }, Logs.Null);
        await DrainAsync(runner, projection);
        var incremental = await ReadModel("counts_kill");

        await Checkpoints.ResetAsync(Store, projection);
        await DrainAsync(runner, projection);
        var rebuilt = await ReadModel("counts_kill");

        var truth = await CountsFromEvents("kill");
        Assert.Equal(30, truth.Count);
        Assert.Equal(truth.OrderBy(x => x.Key), incremental.Where(x => x.Key.Contains("/kill-")).OrderBy(x => x.Key));
        Assert.Equal(incremental.OrderBy(x => x.Key), rebuilt.OrderBy(x => x.Key));
    }

    [Fact]
    public async Task a_rebuild_that_starts_while_a_batch_is_being_applied_waits_for_it_and_neither_fails()
    {
        await AppendMany("reset", streams: 4, eventsEach: 2);
        var projection = new EventCountProjection(Store.Schema, "counts_reset");
        await projection.EnsureTableAsync(Store.DataSource);
        var runner = new ProjectionRunner(Store, projection, new ProjectionOptions { BatchSize = 1 }, Logs.Null);
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        // A transaction open elsewhere on the server can hold the feed's fence back for a moment: wait for a batch.
        async Task OneBatchAsync()
        {
            for (var deadline = DateTime.UtcNow.AddSeconds(30); await runner.ProcessBatchAsync(conn, CancellationToken.None) == 0; await Task.Delay(50))
                Assert.True(DateTime.UtcNow < deadline, "No batch was applied within 30 s.");
        }
        await OneBatchAsync(); // the checkpoint row exists

        // The next batch holds the checkpoint row and has not yet written the read model when the reset begins.
        Task? reset = null;
        projection.DuringBatch = async (_, batchConnection) =>
        {
            reset = Checkpoints.ResetAsync(Store, projection);
            await using var probe = await Store.DataSource.OpenConnectionAsync();
            for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(20))
            {
                await using var waiting = new NpgsqlCommand(
                    "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> @pid", probe);
                waiting.Parameters.AddWithValue("pid", batchConnection.ProcessID);
                if ((long)(await waiting.ExecuteScalarAsync())! > 0) break;
                Assert.False(reset.IsCompleted, "The reset did not wait for the batch that holds the checkpoint.");
            }
        };
        await OneBatchAsync();
        projection.DuringBatch = null;
        await reset!; // a deadlock would fail one side here or above

        Assert.Equal(FeedPosition.Start, await Checkpoints.ReadAsync(Store, conn, null, projection.Name, CancellationToken.None));
        Assert.Empty(await ReadModel("counts_reset"));
        await DrainAsync(runner, projection);
        Assert.Equal((await CountsFromEvents("reset")).OrderBy(x => x.Key),
            (await ReadModel("counts_reset")).Where(x => x.Key.Contains("/reset-")).OrderBy(x => x.Key));
    }

    [Fact]
    public async Task with_two_instances_one_runs_and_the_other_takes_over_when_its_connection_dies()
    {
        var projection = new EventCountProjection(Store.Schema, "counts_failover");
        await projection.EnsureTableAsync(Store.DataSource);
        var options = new ProjectionOptions { PollInterval = TimeSpan.FromMilliseconds(50), LeaderRetry = TimeSpan.FromMilliseconds(300) };
        await using var storeA = db.NewStore();
        await using var storeB = db.NewStore();
        var a = new ProjectionRunner(storeA, projection, options, Logs.Null);
        var b = new ProjectionRunner(storeB, projection, options, Logs.Null);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(stopA.Token);
        await WaitFor(() => a.IsLeader, TimeSpan.FromSeconds(5));
        var runB = b.RunAsync(stopB.Token);
        await Task.Delay(800);
        Assert.True(a.IsLeader);
        Assert.False(b.IsLeader);

        await AppendMany("fo1", 5, 2);
        await WaitFor(async () => (await ReadModel("counts_failover")).Count(x => x.Key.Contains("/fo1-")) == 5, TimeSpan.FromSeconds(10));

        // Instance A dies: its process stops and its connection (holding the lock) is dropped.
        stopA.Cancel();
        await using (var conn = await Store.DataSource.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand(
            "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and pid <> pg_backend_pid() and database = (select oid from pg_database where datname = current_database())", conn))
            await cmd.ExecuteNonQueryAsync();
        await runA;

        var takeover = System.Diagnostics.Stopwatch.StartNew();
        await WaitFor(() => b.IsLeader, TimeSpan.FromSeconds(5));
        Assert.InRange(takeover.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        output.WriteLine($"drill: standby led {takeover.Elapsed.TotalMilliseconds:0} ms after the leader's connection was killed");

        await AppendMany("fo2", 5, 3);
        await WaitFor(async () => (await ReadModel("counts_failover")).Count(x => x.Key.Contains("/fo2-")) == 5, TimeSpan.FromSeconds(10));
        stopB.Cancel();
        await runB;

        var model = await ReadModel("counts_failover");
        Assert.All(model.Where(x => x.Key.Contains("/fo1-")), x => Assert.Equal(2, x.Value));
        Assert.All(model.Where(x => x.Key.Contains("/fo2-")), x => Assert.Equal(3, x.Value));
    }

    [Fact]
    public async Task after_a_clean_stop_the_leader_lets_go_at_once_and_a_standby_leads_within_ten_seconds()
    {
        var projection = new EventCountProjection(Store.Schema, "counts_stop");
        await projection.EnsureTableAsync(Store.DataSource);
        var options = new ProjectionOptions { PollInterval = TimeSpan.FromMilliseconds(50), LeaderRetry = TimeSpan.FromMilliseconds(300) };
        // Each instance's own store (so its own pools), kept open after A stops, as a process that stops one
        // hosted service and goes on would keep them.
        await using var storeA = db.NewStore();
        await using var storeB = db.NewStore();
        var a = new ProjectionRunner(storeA, projection, options, Logs.Null);
        var b = new ProjectionRunner(storeB, projection, options, Logs.Null);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(stopA.Token);
        await WaitFor(() => a.IsLeader, TimeSpan.FromSeconds(5));
        var runB = b.RunAsync(stopB.Token);
        await Task.Delay(600);
        Assert.False(b.IsLeader);

        stopA.Cancel();
        await runA;
        var takeover = System.Diagnostics.Stopwatch.StartNew();
        await WaitFor(() => b.IsLeader, TimeSpan.FromSeconds(10));
        Assert.InRange(takeover.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        output.WriteLine($"drill: standby led {takeover.Elapsed.TotalMilliseconds:0} ms after a clean stop");
        await AppendMany("stop1", 3, 2);
        await WaitFor(async () => (await ReadModel("counts_stop")).Count(x => x.Key.Contains("/stop1-")) == 3, TimeSpan.FromSeconds(10));
        stopB.Cancel();
        await runB;
    }

    /// <summary>Writes two tables in one order; its reset empties them in the other, as real read models with
    /// several tables may. Only the checkpoint row keeps a batch and a rebuild apart.</summary>
    private sealed class TwoTableProjection(string schema, string name) : IProjection
    {
        public string Name => name;
        public Func<Task>? BetweenTables { get; set; }

        public async Task EnsureTablesAsync(NpgsqlDataSource ds)
        {
            await using var conn = await ds.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand($"create table if not exists {schema}.{name}_a (seq bigint); create table if not exists {schema}.{name}_b (seq bigint)", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        public async Task ApplyAsync(IReadOnlyList<StoredEvent> batch, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
        {
            await using (var a = new NpgsqlCommand($"insert into {schema}.{name}_a select unnest(@s)", conn, tx))
            {
                a.Parameters.AddWithValue("s", batch.Select(e => e.Sequence).ToArray());
                await a.ExecuteNonQueryAsync(ct);
            }
            if (BetweenTables is { } hook) await hook();
            await using var b = new NpgsqlCommand($"insert into {schema}.{name}_b select unnest(@s)", conn, tx);
            b.Parameters.AddWithValue("s", batch.Select(e => e.Sequence).ToArray());
            await b.ExecuteNonQueryAsync(ct);
        }

        public async Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand($"delete from {schema}.{name}_b; delete from {schema}.{name}_a", conn, tx);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    [Fact]
    public async Task a_rebuild_during_the_very_first_batch_with_no_checkpoint_row_yet_waits_for_it_and_neither_deadlocks()
    {
        await AppendMany("norow", streams: 3, eventsEach: 2);
        var projection = new TwoTableProjection(Store.Schema, "norow");
        await projection.EnsureTablesAsync(Store.DataSource);
        var runner = new ProjectionRunner(Store, projection, new ProjectionOptions { BatchSize = 2 }, Logs.Null);
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        Assert.Equal(0, (long)(await new NpgsqlCommand($"select count(*) from {Store.Schema}.ct_projection_progress where name = 'norow'", conn).ExecuteScalarAsync())!);

        // The first batch has written table a and not yet b when the rebuild starts: give the rebuild time to
        // take whatever it can before the batch goes on.
        Task? reset = null;
        projection.BetweenTables = async () =>
        {
            projection.BetweenTables = null;
            reset = Checkpoints.ResetAsync(Store, projection);
            await Task.WhenAny(reset, Task.Delay(1_500));
        };
        for (var deadline = DateTime.UtcNow.AddSeconds(30); await runner.ProcessBatchAsync(conn, CancellationToken.None) == 0; await Task.Delay(50))
            Assert.True(DateTime.UtcNow < deadline, "No batch was applied within 30 s.");
        await reset!; // a deadlock fails one side, here or in the batch above

        // The rebuild ran after the batch: nothing is left of it, and the next batches start from zero.
        Assert.Equal(FeedPosition.Start, await Checkpoints.ReadAsync(Store, conn, null, projection.Name, CancellationToken.None));
        Assert.Equal(0, (long)(await new NpgsqlCommand($"select (select count(*) from {Store.Schema}.norow_a) + (select count(*) from {Store.Schema}.norow_b)", conn).ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task a_checkpoint_ahead_of_the_servers_transaction_ids_as_after_a_restore_into_a_new_cluster_is_reported()
    {
        await AppendMany("ahead", 1, 1);
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand(
            $"insert into {Store.Schema}.ct_projection_progress (name, tx_id, seq_id) values ('restored', (pg_current_xact_id()::text::bigint + 1000000)::text::xid8, 1), ('current', pg_current_xact_id(), 1)", conn))
            await cmd.ExecuteNonQueryAsync();

        var restored = await Checkpoints.StatusAsync(Store, "restored", null);
        var current = await Checkpoints.StatusAsync(Store, "current", null);

        Assert.True(restored.AheadOfServer);
        Assert.Equal(0, restored.Lag); // what the lag alone said: nothing to do
        Assert.False(current.AheadOfServer);
        Assert.False((await Checkpoints.StatusAsync(Store, "never-ran", null)).AheadOfServer);
    }

    [Fact]
    public async Task a_leader_connection_is_unpooled_and_the_server_probes_it_every_30_s_and_ends_it_if_left_idle_in_a_transaction()
    {
        await using var conn = await Leadership.OpenAsync(Store, "settings-test", CancellationToken.None);
        async Task<string> Show(string setting)
        {
            await using var cmd = new NpgsqlCommand($"show {setting}", conn);
            return (string)(await cmd.ExecuteScalarAsync())!;
        }

        Assert.Equal("30", await Show("tcp_keepalives_idle"));
        Assert.Equal("10", await Show("tcp_keepalives_interval"));
        Assert.Equal("3", await Show("tcp_keepalives_count"));
        Assert.Equal("1min", await Show("idle_in_transaction_session_timeout"));
        Assert.Equal("*", await Show(AuthorityScope.Setting));
        Assert.False(new NpgsqlConnectionStringBuilder(conn.ConnectionString).Pooling);
    }

    private static Task WaitFor(Func<bool> condition, TimeSpan timeout) => WaitFor(() => Task.FromResult(condition()), timeout);

    private static async Task WaitFor(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Condition not met within {timeout}.");
            await Task.Delay(50);
        }
    }
}
