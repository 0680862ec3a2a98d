using CareTracking.EventStore;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Reviews;
using CareTracking.Reviews.WorkLists;
using CareTracking.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareTracking.IntegrationTests.Security;

/// <summary>Reviews and Indicators on the class's own database, started once, so their read-model tables are
/// created as the services create them, as the services' role.</summary>
public sealed class ReadModelStack : ServiceStack, IAsyncLifetime
{
    public ServiceHost<IndicatorsHost> Indicators { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Start<ReviewsHost>();
        Indicators = Start<IndicatorsHost>();
    }
}

/// <summary>
/// The services' own read models are under the event store's authority policy too: a connection as the
/// services' role scoped to 831 neither sees nor changes another authority's rows in any of them.
/// </summary>
public sealed class ReadModelIsolationTests(ReadModelStack stack) : IClassFixture<ReadModelStack>, IAsyncLifetime
{
    /// <summary>Each per-authority read-model table, with an insert of one row for the authority @a, and whether only
    /// projections write it (the request role then may not write it at all: DatabaseRolesTests).</summary>
    private static readonly (string Table, string Insert, bool BackgroundOnly)[] ReadModels =
    [
        ("rev_children", "(authority, child_id, version, state) values (@a, 'rm-' || @a, 1, '{}')", true),
        ("ind_events", "(authority, seq_id, child_id, event_id, event_type, recorded_at, data) values (@a, -(@a::bigint), 'rm-' || @a, gen_random_uuid(), 'test.read-model.v1', now(), '{}')", true),
        ("ind_authorities", "(authority, events) values (@a, 0)", true),
        ("ind_populations", "(authority, year, population) values (@a, 2025, 1000)", false),
        ("ind_benchmarks", "(authority, measure, year, national) values (@a, 'cla', 2025, 70)", false),
    ];

    private static IEnumerable<string> Tables => ReadModels.Select(m => m.Table);

    /// <summary>One row of 831 and one of 855 in every table, written by the superuser (which bypasses the
    /// policies), once the services have created their tables.</summary>
    public async Task InitializeAsync()
    {
        var created = await Eventually.Within(TimeSpan.FromSeconds(30),
            () => stack.ScalarAsync($"select count(*) from pg_tables where schemaname = 'eventstore' and tablename in ({string.Join(',', Tables.Select(t => $"'{t}'"))})"),
            n => n == ReadModels.Length);
        Assert.Equal(ReadModels.Length, created);
        await using var conn = new NpgsqlConnection(stack.Database);
        await conn.OpenAsync();
        foreach (var (table, insert, _) in ReadModels)
            foreach (var authority in new[] { "831", "855" })
            {
                await using var cmd = new NpgsqlCommand($"insert into eventstore.{table} {insert} on conflict do nothing", conn);
                cmd.Parameters.AddWithValue("a", authority);
                await cmd.ExecuteNonQueryAsync();
            }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<T> AsAppAsync<T>(string? scope, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work) =>
        TestStack.InAuthorityScopeAsync(stack.AppDatabase, scope, work);

    private static async Task<string> AuthoritiesInAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string table)
    {
        await using var cmd = new NpgsqlCommand($"select coalesce(string_agg(distinct authority, ',' order by authority), '') from eventstore.{table}", conn, tx);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private Task<Dictionary<string, string>> AuthoritiesSeenAsync(string? scope) =>
        AsAppAsync(scope, async (conn, tx) =>
        {
            var seen = new Dictionary<string, string>();
            foreach (var table in Tables) seen[table] = await AuthoritiesInAsync(conn, tx, table);
            return seen;
        });

    [Fact]
    public async Task every_read_model_table_has_forced_row_level_security_with_the_authority_policy()
    {
        foreach (var table in Tables)
            Assert.True(1 == await stack.ScalarAsync(
                $"""
                select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'eventstore' and c.relname = '{table}' and c.relrowsecurity and c.relforcerowsecurity
                  and exists (select 1 from pg_policies p where p.schemaname = 'eventstore' and p.tablename = '{table}' and p.policyname = 'ct_scope')
                  and exists (select 1 from pg_policies p where p.schemaname = 'eventstore' and p.tablename = '{table}' and p.policyname = 'ct_system'
                              and p.roles = array['{TestStack.WorkerRole}']::name[])
                """), $"{table} is not under the forced ct_scope policy with ct_system for the worker role only");
    }

    [Fact]
    public async Task a_transaction_scoped_to_831_sees_none_of_855s_rows_in_any_read_model_table()
    {
        var seen = await AuthoritiesSeenAsync("831");

        foreach (var table in Tables)
            Assert.True(seen[table] == "831", $"{table} showed authorities '{seen[table]}' to a transaction scoped to 831");
    }

    [Fact]
    public async Task a_transaction_scoped_to_831_cannot_update_or_delete_855s_read_model_rows()
    {
        // The tables only projections write refuse the statements outright (DatabaseRolesTests); the others are tried.
        var writable = ReadModels.Where(m => !m.BackgroundOnly).Select(m => m.Table).ToList();
        var changed = await AsAppAsync("831", async (conn, tx) =>
        {
            var counts = new Dictionary<string, long>();
            foreach (var table in writable)
            {
                await using var cmd = new NpgsqlCommand(
                    $"""
                    with u as (update eventstore.{table} set authority = authority where authority = '855' returning 1),
                         d as (delete from eventstore.{table} where authority = '855' returning 1)
                    select (select count(*) from u) + (select count(*) from d)
                    """, conn, tx);
                counts[table] = (long)(await cmd.ExecuteScalarAsync())!;
            }
            return counts;
        });

        foreach (var table in writable)
            Assert.True(changed[table] == 0, $"a transaction scoped to 831 changed {changed[table]} of 855's rows in {table}");
        foreach (var table in Tables)
        {
            Assert.Equal(1, await stack.ScalarAsync($"select count(*) from eventstore.{table} where authority = '855'"));
        }
    }

    [Fact]
    public async Task a_transaction_scoped_to_831_cannot_insert_another_authoritys_row_into_any_read_model_table()
    {
        foreach (var (table, insert, backgroundOnly) in ReadModels)
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => AsAppAsync("831", async (conn, tx) =>
            {
                await using var cmd = new NpgsqlCommand($"insert into eventstore.{table} {insert}", conn, tx);
                cmd.Parameters.AddWithValue("a", "856");
                return await cmd.ExecuteNonQueryAsync();
            }));

            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{table}: {error.SqlState} {error.MessageText}");
            // Refused by the policy, or before it by the grant where only projections write.
            Assert.Contains(backgroundOnly ? "permission denied" : "row-level security", error.MessageText);
        }
        foreach (var table in Tables)
            Assert.Equal(0, await stack.ScalarAsync($"select count(*) from eventstore.{table} where authority = '856'"));
    }

    [Fact]
    public async Task without_an_authority_scope_the_services_role_sees_no_read_model_rows()
    {
        var seen = await AuthoritiesSeenAsync(null);

        Assert.All(Tables, table => Assert.Equal("", seen[table]));
    }

    [Fact]
    public async Task the_system_scope_the_projections_write_through_sees_every_authority()
    {
        var store = stack.Indicators.Services.GetRequiredService<DocumentStore>();
        using var background = WorkerConnections.Grant("test: as the projections");
        await using var conn = await store.SystemDataSource.OpenConnectionAsync();

        foreach (var table in Tables)
            Assert.Equal("831,855", await AuthoritiesInAsync(conn, null, table));
    }
}
