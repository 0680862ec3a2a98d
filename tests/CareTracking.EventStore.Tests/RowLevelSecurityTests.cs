using CareTracking.Testing;
using Npgsql;

namespace CareTracking.EventStore.Tests;

/// <summary>A fresh database whose schema the superuser applies, with a store that connects as the services'
/// restricted roles (request work and background work), as deployed.</summary>
public sealed class RestrictedStoreDatabase : PostgresDatabase
{
    public string AppConnectionString { get; private set; } = "";
    public DocumentStore Store { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AppConnectionString = await TestStack.AsAppRoleAsync(ConnectionString);
        Store = new DocumentStore(new StoreOptions(AppConnectionString, "rls-tests")
        {
            MigrationConnectionString = ConnectionString,
            WorkerConnectionString = await TestStack.AsWorkerRoleAsync(ConnectionString),
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
/// The authority bound to a token is enforced again inside PostgreSQL: whatever SQL runs as the services'
/// role sees and writes only the rows of the authority its transaction is scoped to.
/// </summary>
public sealed class RowLevelSecurityTests(RestrictedStoreDatabase db) : IClassFixture<RestrictedStoreDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: RowLevelSecurityTests");

    private DocumentStore Store => db.Store;
    private string Schema => Store.Schema;
    /// <summary>The tables of child data, each with its authority column (Marten's tables call it tenant_id).</summary>
    private static readonly Dictionary<string, string> ChildTables = new()
    {
        ["mt_streams"] = "tenant_id",
        ["mt_events"] = "tenant_id",
        ["ct_outbox"] = "authority",
        ["ct_child_read_audit"] = "authority",
    };

    private static PendingEvent Thing(string what) => new(new ThingHappened(what, 1), new DateOnly(2025, 4, 1));

    /// <summary>Appends a stream, an outbox message and a child-read audit row for the authority, through the
    /// store as the restricted role.</summary>
    private async Task SeedAsync(string authority, string streamId)
    {
        var session = Store.LightweightSession(authority);
        session.Events.StartStream("thing", streamId, Thing(authority));
        session.Publish(new OutboxMessage(Guid.NewGuid(), OutboxMessage.Bus, "rls-test", new { authority }));
        session.Execute($"insert into {Schema}.ct_child_read_audit (client, authority, child_id, what) values ('test', @a, @s, 'seed')",
            p => { p.AddWithValue("a", authority); p.AddWithValue("s", streamId); });
        await session.SaveChangesAsync();
    }

    private Task<T> AsAppAsync<T>(string? scope, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work) =>
        TestStack.InAuthorityScopeAsync(db.AppConnectionString, scope, work);

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private Task<Dictionary<string, long>> RowCountsAsync(string? scope) =>
        AsAppAsync(scope, async (conn, tx) =>
        {
            var counts = new Dictionary<string, long>();
            foreach (var table in ChildTables.Keys)
                counts[table] = await ScalarAsync(conn, tx, $"select count(*) from {Schema}.{table}");
            return counts;
        });

    [Fact]
    public async Task the_services_role_is_neither_superuser_nor_exempt_from_row_level_security()
    {
        var exempt = await AsAppAsync(null, (conn, tx) =>
            ScalarAsync(conn, tx, "select count(*) from pg_roles where rolname = current_user and (rolsuper or rolbypassrls)"));
        Assert.Equal(0, exempt);
        Assert.False(await Store.BypassesRowSecurityAsync());
        await using var asSuperuser = new DocumentStore(new StoreOptions(db.ConnectionString, "rls-tests"), StoreDatabase.Registry());
        Assert.True(await asSuperuser.BypassesRowSecurityAsync());
    }

    [Fact]
    public async Task a_transaction_scoped_to_831_sees_none_of_855s_rows_in_any_child_table()
    {
        await SeedAsync("831", "rls-read-831");
        await SeedAsync("855", "rls-read-855");

        var seen = await AsAppAsync("831", async (conn, tx) =>
        {
            var authorities = new Dictionary<string, string>();
            foreach (var (table, column) in ChildTables)
            {
                await using var cmd = new NpgsqlCommand($"select coalesce(string_agg(distinct {column}, ','), '') from {Schema}.{table}", conn, tx);
                authorities[table] = (string)(await cmd.ExecuteScalarAsync())!;
            }
            return authorities;
        });

        foreach (var table in ChildTables.Keys)
            Assert.True(seen[table] == "831", $"{table} showed authorities '{seen[table]}' to a transaction scoped to 831");
    }

    [Fact]
    public async Task a_transaction_scoped_to_831_cannot_update_or_delete_855s_rows()
    {
        await SeedAsync("855", "rls-write-855");

        // The stream row's version is updated by every append, so the request role may update mt_streams: row-level
        // security filters another authority's row out.
        var updated = await AsAppAsync("831", (conn, tx) =>
            ScalarAsync(conn, tx, $"with u as (update {Schema}.mt_streams set type = 'x' where id = 'rls-write-855' returning 1) select count(*) from u"));
        // Events are immutable and streams never removed for the request role whatever the authority
        // (004_split_roles.sql revokes UPDATE, DELETE and TRUNCATE on events, DELETE on streams), so what row-level
        // security used to filter is now refused outright.
        var refusedEvents = await Assert.ThrowsAsync<PostgresException>(() => AsAppAsync("831", (conn, tx) =>
            ScalarAsync(conn, tx, $"with u as (update {Schema}.mt_events set data = '{{}}' where stream_id = 'rls-write-855' returning 1) select count(*) from u")));
        var refusedStreams = await Assert.ThrowsAsync<PostgresException>(() => AsAppAsync("831", (conn, tx) =>
            ScalarAsync(conn, tx, $"with d as (delete from {Schema}.mt_streams where id = 'rls-write-855' returning 1) select count(*) from d")));

        Assert.Equal(0, updated);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusedEvents.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusedStreams.SqlState);
        var events = await Store.LightweightSession("855").Events.FetchStreamAsync("rls-write-855");
        Assert.Equal("855", ((ThingHappened)Assert.Single(events).Data).What);
    }

    [Fact]
    public async Task a_transaction_scoped_to_831_cannot_insert_a_row_of_855_directly()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => AsAppAsync("831", (conn, tx) => ScalarAsync(conn, tx,
            $"""
            insert into {Schema}.mt_events (seq_id, tenant_id, stream_id, version, id, type, data)
            values (nextval('{Schema}.mt_events_sequence'), '855', 'rls-insert-855', 1, gen_random_uuid(), 'test.thing-happened.v2', jsonb_build_object())
            returning 1
            """)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("row-level security", error.MessageText);
    }

    [Fact]
    public async Task a_transaction_scoped_to_831_cannot_append_to_855_through_martens_append_function()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => AsAppAsync("831", (conn, tx) => ScalarAsync(conn, tx,
            $"""
            select array_length({Schema}.mt_quick_append_events('rls-append-855', 'thing', '855', array[gen_random_uuid()],
                array['test.thing-happened.v2']::varchar[], array[null]::varchar[], array[jsonb_build_object('what', 'x', 'count', 1)],
                array[null]::bytea[], array[null]::varchar[], array[null]::varchar[], array[null]::jsonb[]), 1)
            """)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Empty(await Store.LightweightSession("855").Events.FetchStreamAsync("rls-append-855"));
    }

    [Fact]
    public async Task without_an_authority_scope_the_services_role_sees_no_child_data()
    {
        await SeedAsync("831", "rls-none-831");

        var counts = await RowCountsAsync(null);

        Assert.All(ChildTables.Keys, table => Assert.Equal(0, counts[table]));
        Assert.NotEmpty(await Store.LightweightSession("831").Events.FetchStreamAsync("rls-none-831"));
    }

    [Fact]
    public async Task the_system_scope_sees_every_authority()
    {
        await SeedAsync("831", "rls-system-831");
        await SeedAsync("855", "rls-system-855");

        await using var conn = await Store.SystemDataSource.OpenConnectionAsync();
        var authorities = await ScalarAsync(conn, null,
            $"select count(distinct tenant_id) from {Schema}.mt_events where stream_id in ('rls-system-831', 'rls-system-855')");

        Assert.Equal(2, authorities);
    }

    [Fact]
    public async Task a_request_connection_never_keeps_a_scope_after_its_transaction()
    {
        await SeedAsync("831", "rls-pool-831");
        await Store.ForAuthorityAsync("831", (conn, tx, ct) => ScalarAsync(conn, tx, "select 1"));

        // The pool hands the same physical connection back: it must be unscoped again.
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        var visible = await ScalarAsync(conn, null, $"select count(*) from {Schema}.mt_events where stream_id = 'rls-pool-831'");

        Assert.Equal(0, visible);
    }

    [Fact]
    public async Task for_authority_shows_an_unfiltered_query_only_that_authoritys_rows()
    {
        await SeedAsync("831", "rls-for-831");
        await SeedAsync("855", "rls-for-855");

        var authorities = await Store.ForAuthorityAsync("831", (conn, tx, ct) => ScalarAsync(conn, tx,
            $"select count(*) from {Schema}.mt_events where tenant_id <> '831'"));

        Assert.Equal(0, authorities);
    }

    [Fact]
    public async Task the_feed_and_the_outbox_relay_still_see_every_authority()
    {
        await SeedAsync("831", "rls-bg-831");
        await SeedAsync("855", "rls-bg-855");

        // Both read only below the oldest transaction running on the (shared) server: poll until they get there.
        var streams = new HashSet<string>();
        var transport = new RecordingTransport();
        var relay = new OutboxRelay(Store, transport, new OutboxRelayOptions { BatchSize = 10_000 }, Logs.Null);
        await using var conn = await Store.SystemDataSource.OpenConnectionAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            streams.UnionWith((await Store.Feed.ReadAsync(FeedPosition.Start, 10_000)).Select(e => e.StreamId));
            await relay.RelayBatchAsync(conn, CancellationToken.None);
            if (streams.IsSupersetOf(["rls-bg-831", "rls-bg-855"]) && transport.Authorities.Contains("831") && transport.Authorities.Contains("855"))
                break;
        }

        Assert.Contains("rls-bg-831", streams);
        Assert.Contains("rls-bg-855", streams);
        Assert.Contains("831", transport.Authorities);
        Assert.Contains("855", transport.Authorities);
    }

    [Fact]
    public async Task a_read_model_table_under_the_authority_policy_shows_a_scope_only_its_own_rows()
    {
        // Created as a service creates its read model (ApplyReadModelSchemaAsync, which also gives the background
        // role its system-scope policy); the policy is applied twice, as at two starts.
        var table = $"{Schema}.rls_read_model";
        for (var start = 0; start < 2; start++)
            await Store.ApplyReadModelSchemaAsync(
                $"create table if not exists {table} (authority text not null, child_id text not null); {AuthorityScope.PolicySql(Schema, "rls_read_model")}");
        await using (var system = await Store.SystemDataSource.OpenConnectionAsync())
            await ScalarAsync(system, null, $"with i as (insert into {table} values ('831', 'a'), ('855', 'b') returning 1) select count(*) from i");

        var (seen, changed) = await AsAppAsync("831", async (conn, tx) => (
            await ScalarAsync(conn, tx, $"select count(*) from {table} where authority <> '831'"),
            await ScalarAsync(conn, tx, $"with d as (delete from {table} where authority = '855' returning 1) select count(*) from d")));
        var unscoped = await AsAppAsync(null, (conn, tx) => ScalarAsync(conn, tx, $"select count(*) from {table}"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => AsAppAsync("831", (conn, tx) =>
            ScalarAsync(conn, tx, $"with i as (insert into {table} values ('855', 'c') returning 1) select count(*) from i")));

        Assert.Equal((0, 0, 0), (seen, changed, unscoped));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        await using var check = new NpgsqlConnection(db.ConnectionString);
        await check.OpenAsync();
        Assert.Equal(1, await ScalarAsync(check, null, $"select count(*) from {table} where authority = '855'"));
    }

    private sealed class RecordingTransport : IOutboxTransport
    {
        public List<string> Authorities { get; } = [];

        public Task SendAsync(OutboxRecord message, CancellationToken ct)
        {
            lock (Authorities) Authorities.Add(message.Authority);
            return Task.CompletedTask;
        }
    }
}
