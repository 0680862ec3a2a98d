using CareTracking.EventStore;
using CareTracking.Testing;
using Npgsql;

namespace CareTracking.EventStore.Tests;

/// <summary>A PostgreSQL cluster of its own: the fence is the oldest transaction on the whole server, so holding
/// one open for 35 s on the shared server would hold back every other test's projections and relays meanwhile.</summary>
public sealed class PrivateStoreDatabase : IAsyncLifetime
{
    public PrivatePostgres Postgres { get; private set; } = null!;
    public DocumentStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PrivatePostgres.StartAsync();
        Store = new DocumentStore(new StoreOptions(Postgres.ConnectionString, "tests"), StoreDatabase.Registry());
        await Store.ApplySchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

/// <summary>
/// The failure Marten's async daemon is known for: a transaction takes a sequence number, stays open while later
/// appends commit above it, and commits after the daemon's stale threshold has let its high-water mark pass the
/// gap, so the event is never projected. Our runner reads mt_events behind the transaction-id fence instead;
/// here the gap is held open for 35 s, longer than any such threshold, while a projection runs.
/// </summary>
public sealed class LateCommitTests(PrivateStoreDatabase db) : IClassFixture<PrivateStoreDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: LateCommitTests");

    private DocumentStore Store => db.Store;

    private async Task<Dictionary<string, long>> ReadModel(string table)
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand($"select authority || '/' || stream_id, events from {Store.Schema}.{table}", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<string, long>();
        while (await r.ReadAsync()) rows[r.GetString(0)] = r.GetInt64(1);
        return rows;
    }

    private async Task<long> SequenceOf(string streamId)
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand($"select max(seq_id) from {Store.Schema}.mt_events where stream_id = @s", conn);
        cmd.Parameters.AddWithValue("s", streamId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task an_append_held_open_for_35_seconds_while_later_ones_commit_is_projected_once_when_it_commits()
    {
        var projection = new EventCountProjection(Store.Schema, "counts_late");
        await projection.EnsureTableAsync(Store.DataSource);
        var runner = new ProjectionRunner(Store, projection,
            new ProjectionOptions { PollInterval = TimeSpan.FromMilliseconds(50), BatchSize = 100 }, Logs.Null);
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);

        // The slow append takes its sequence number first, then stays open.
        await using var slowConn = await Store.DataSource.OpenConnectionAsync();
        var slowTx = await slowConn.BeginTransactionAsync();
        var slow = Store.LightweightSession("831");
        slow.Events.StartStream("thing", "late-slow", new PendingEvent(new ThingHappened("slow", 1)));
        await slow.SaveInTransactionAsync(slowTx, CancellationToken.None);

        var held = System.Diagnostics.Stopwatch.StartNew();
        var quick = 0;
        while (held.Elapsed < TimeSpan.FromSeconds(35))
        {
            var session = Store.LightweightSession("831");
            session.Events.StartStream("thing", $"late-quick-{quick++}", new PendingEvent(new ThingHappened("quick", 1)));
            await session.SaveChangesAsync();
            await Task.Delay(500);
            // Nothing after the open transaction is projected while it is open: moving past it would lose it.
            Assert.DoesNotContain((await ReadModel("counts_late")).Keys, k => k.Contains("/late-"));
        }
        Assert.True(await SequenceOf("late-quick-0") > 0);

        await slowTx.CommitAsync();
        await slowTx.DisposeAsync();
        // A sequence gap, as the daemon sees it: the slow event's position is below every quick one's.
        Assert.True(await SequenceOf("late-slow") < await SequenceOf("late-quick-0"));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        Dictionary<string, long> model;
        while ((model = await ReadModel("counts_late")).Count(x => x.Key.Contains("/late-")) < quick + 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "The projection did not catch up within 30 s of the commit.");
            await Task.Delay(100);
        }
        stop.Cancel();
        await running;

        Assert.Equal(1, model["831/late-slow"]);
        Assert.All(Enumerable.Range(0, quick), i => Assert.Equal(1, model[$"831/late-quick-{i}"]));
    }
}
