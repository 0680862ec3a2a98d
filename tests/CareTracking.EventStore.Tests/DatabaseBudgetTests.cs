using System.Diagnostics;
using CareTracking.EventStore;
using Npgsql;
using Polly.Timeout;

namespace CareTracking.EventStore.Tests;

/// <summary>
/// The pools' sizes and the bound on a request's database work (docs/reliability.md, item 10, and "Connection
/// budget"): Npgsql's default pools of 100 each let two instances of the six services ask for far more connections
/// than the server allows, and a statement blocked on a lock was retried after each command timeout for minutes.
/// </summary>
public sealed class DatabaseBudgetTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: DatabaseBudgetTests");

    private DocumentStore NewStore(Action<NpgsqlConnectionStringBuilder> connection, Func<StoreOptions, StoreOptions>? options = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        connection(builder);
        var store = new StoreOptions(builder.ConnectionString, "tests");
        return new DocumentStore(options?.Invoke(store) ?? store, StoreDatabase.Registry());
    }

    [Fact]
    public async Task both_pools_have_the_budgeted_max_pool_size_whatever_the_connection_string_says()
    {
        await using var store = NewStore(b => b.MaxPoolSize = 100);

        Assert.Equal(StoreOptions.DefaultMaxPoolSize, new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString).MaxPoolSize);
        Assert.Equal(StoreOptions.DefaultWorkerMaxPoolSize, new NpgsqlConnectionStringBuilder(store.SystemDataSource.ConnectionString).MaxPoolSize);
        Assert.Equal((14, 4), (StoreOptions.DefaultMaxPoolSize, StoreOptions.DefaultWorkerMaxPoolSize)); // the figures docs/reliability.md budgets
    }

    [Fact]
    public async Task work_that_finds_the_request_pool_full_fails_once_after_the_pools_timeout_and_is_not_retried()
    {
        await using var store = NewStore(b => b.Timeout = 3, o => o with { MaxPoolSize = 1 });
        await using var held = await store.Resilience.ExecuteAsync(async ct => await store.DataSource.OpenConnectionAsync(ct));

        var took = Stopwatch.StartNew();
        var e = await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.ForAuthorityAsync("831", (_, _, _) => Task.FromResult(1)));
        took.Stop();

        Assert.True(TransientDatabaseErrors.IsPoolExhausted(e), e.Message);
        // One wait of the pool's Timeout (3 s). Retried, it was seven waits and the backoff between them.
        Assert.InRange(took.Elapsed, TimeSpan.FromSeconds(2.8), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task work_blocked_on_a_lock_is_cancelled_at_the_request_budget_with_every_retry_included()
    {
        await using (var setup = new NpgsqlConnection(db.ConnectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("create table if not exists public.budget_lock (id int primary key); insert into public.budget_lock values (1) on conflict do nothing", setup);
            await create.ExecuteNonQueryAsync();
        }
        // Each attempt's command times out after 1 s and is retried, as the default 30 s ones were.
        await using var store = NewStore(b => b.CommandTimeout = 1, o => o with { RequestBudget = TimeSpan.FromSeconds(3) });
        await using var holder = new NpgsqlConnection(db.ConnectionString);
        await holder.OpenAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("select id from public.budget_lock where id = 1 for update", holder, tx))
            await take.ExecuteScalarAsync();

        var took = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<TimeoutRejectedException>(() => store.ForAuthorityAsync("831", async (conn, inTx, ct) =>
        {
            await using var blocked = new NpgsqlCommand("select id from public.budget_lock where id = 1 for update", conn, inTx);
            return await blocked.ExecuteScalarAsync(ct);
        }));
        took.Stop();

        // Counted as the database being unavailable: a request answers 503 with Retry-After, a consumer retries later.
        Assert.True(TransientDatabaseErrors.IsTransient(e));
        Assert.InRange(took.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5));
        // The blocked statement was cancelled with it, not left waiting behind the lock.
        var waiting = -1L;
        for (var i = 0; i < 20 && waiting != 0; i++)
        {
            await using var count = new NpgsqlCommand("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", holder, tx);
            waiting = (long)(await count.ExecuteScalarAsync())!;
            if (waiting != 0) await Task.Delay(100);
        }
        Assert.Equal(0, waiting);
    }
}
