using CareTracking.Testing;
using Npgsql;

namespace CareTracking.EventStore.Tests;

/// <summary>A database whose schema the superuser applies for the services' restricted roles, with the idle-in-transaction
/// limit shortened to 2 s so the server's ending of a session can be seen.</summary>
public sealed class ShortIdleLimitDatabase : PostgresDatabase
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
    public DocumentStore Store { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Store = new DocumentStore(new StoreOptions(await TestStack.AsAppRoleAsync(ConnectionString), "idle-tests")
        {
            MigrationConnectionString = ConnectionString,
            WorkerConnectionString = await TestStack.AsWorkerRoleAsync(ConnectionString),
            IdleInTransactionTimeout = Limit,
        }, StoreDatabase.Registry());
        await Store.ApplySchemaAsync();
    }

    public override async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>
/// The services' roles may not leave a transaction idle (docs/reliability.md, item 7): such a session keeps its locks,
/// and its transaction holds back the feed's fence for every projection on the server. The schema sets
/// idle_in_transaction_session_timeout for both roles in the database; the leaders' session locks are unaffected.
/// </summary>
public sealed class SessionLimitsTests(ShortIdleLimitDatabase db) : IClassFixture<ShortIdleLimitDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: SessionLimitsTests");

    private DocumentStore Store => db.Store;

    private static async Task<string> ShowAsync(NpgsqlConnection conn)
    {
        await using var show = new NpgsqlCommand("show idle_in_transaction_session_timeout", conn);
        return (string)(await show.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task the_request_and_background_roles_get_the_limit_and_it_defaults_to_a_minute()
    {
        await using (var request = await Store.DataSource.OpenConnectionAsync())
            Assert.Equal("2s", await ShowAsync(request));
        await using (var background = await Store.SystemDataSource.OpenConnectionAsync())
            Assert.Equal("2s", await ShowAsync(background));
        Assert.Equal(TimeSpan.FromMinutes(1), new StoreOptions("Host=x", "x").IdleInTransactionTimeout);

        // Applying the schema again (every start) changes nothing and does not fail.
        await Store.ApplySchemaAsync();
        await using var admin = new NpgsqlConnection(db.ConnectionString);
        await admin.OpenAsync();
        await using var settings = new NpgsqlCommand(
            """
            select count(*) from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase join pg_roles r on r.oid = s.setrole
            where d.datname = current_database() and r.rolname in ('caretracking_app', 'caretracking_worker')
              and 'idle_in_transaction_session_timeout=2000' = any(s.setconfig)
            """, admin);
        Assert.Equal(2L, await settings.ExecuteScalarAsync());
    }

    [Fact]
    public async Task a_transaction_the_request_role_leaves_idle_past_the_limit_is_ended_by_the_server()
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var first = new NpgsqlCommand("select 1", conn, tx))
            await first.ExecuteScalarAsync();

        await Task.Delay(ShortIdleLimitDatabase.Limit + TimeSpan.FromSeconds(1.5));

        await using var next = new NpgsqlCommand("select 1", conn, tx);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => next.ExecuteScalarAsync());
        Assert.NotEqual(System.Data.ConnectionState.Open, conn.FullState);
    }

    [Fact]
    public async Task a_leader_keeps_its_session_lock_while_idle_between_transactions_past_the_roles_limit()
    {
        await using var leader = await Leadership.OpenAsync(Store, "idle-test", CancellationToken.None);
        Assert.True(await Leadership.TryLockAsync(leader, "ct-idle-test", CancellationToken.None));
        // The leader's own limit (a minute) wins over the role's.
        Assert.Equal("1min", await ShowAsync(leader));

        await Task.Delay(ShortIdleLimitDatabase.Limit + TimeSpan.FromSeconds(1.5));

        await using var admin = new NpgsqlConnection(db.ConnectionString);
        await admin.OpenAsync();
        await using var held = new NpgsqlCommand(
            "select count(*) from pg_locks where locktype = 'advisory' and granted and pid = @pid", admin);
        held.Parameters.AddWithValue("pid", leader.ProcessID);
        Assert.Equal(1L, await held.ExecuteScalarAsync());
        Assert.Equal(System.Data.ConnectionState.Open, leader.FullState);
        await using var still = new NpgsqlCommand("select 1", leader);
        Assert.Equal(1, await still.ExecuteScalarAsync());
    }
}
