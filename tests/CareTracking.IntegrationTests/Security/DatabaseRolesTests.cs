using System.Net;
using CareTracking.Health;
using CareTracking.Indicators;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.Reviews;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// Request work and background work run as two roles (issue 10, item 4): the request role
/// (<c>caretracking_app</c>) cannot take the system scope itself, cannot change events, outbox or inbox rows,
/// checkpoints or the read audit, and cannot truncate anything; the background role (<c>caretracking_worker</c>)
/// sees every authority but cannot write events or streams, and cannot read or write the read audit. The read models
/// only projections write are read-only to the request role. Each is
/// tried through raw SQL on the roles' own connections, as someone holding the services' credentials would.
/// </summary>
public sealed class DatabaseRolesTests(ServiceStack stack) : IClassFixture<ServiceStack>, IAsyncLifetime
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();

    /// <summary>A child in each of two authorities, each read once (an audit row each), with their care messages
    /// in the outbox.</summary>
    public async Task InitializeAsync()
    {
        foreach (var authority in new[] { "831", "855" })
        {
            var child = $"roles-{authority}";
            var posted = await placements.ClientFor(authority, Scopes.PlacementsWrite).Post($"/api/children/{child}/entered-care", Requests.EnteredCare());
            Assert.True(posted.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{posted.StatusCode}");
            Assert.Equal(HttpStatusCode.OK, (await placements.ClientFor(authority, Scopes.PlacementsRead).GetAsync($"/api/children/{child}")).StatusCode);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<long> CountAsync(string connection, string scope, string table)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select set_config('ct.authority', '{scope}', false); select count(*) from eventstore.{table}", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.NextResultAsync();
        await r.ReadAsync();
        return r.GetInt64(0);
    }

    private static async Task<PostgresException> RefusedAsync(string connection, string sql, string scope = "831")
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select set_config('ct.authority', '{scope}', false); {sql}", conn);
        return await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
    }

    [Theory]
    [InlineData("mt_events")]
    [InlineData("mt_streams")]
    [InlineData("ct_outbox")]
    [InlineData("ct_child_read_audit")]
    public async Task the_request_role_setting_the_system_scope_itself_sees_no_row(string table)
    {
        Assert.True(await stack.ScalarAsync($"select count(distinct {(table.StartsWith("mt_") ? "tenant_id" : "authority")}) from eventstore.{table}") == 2,
            $"the arrangement should have rows of two authorities in {table}");

        Assert.Equal(0, await CountAsync(stack.AppDatabase, "*", table));
        Assert.True(await CountAsync(stack.AppDatabase, "831", table) > 0, $"831's own rows of {table} should be visible in its scope");
    }

    [Theory]
    [InlineData("mt_events")]
    [InlineData("mt_streams")]
    [InlineData("ct_outbox")]
    public async Task the_worker_role_sees_every_authority_in_the_system_scope(string table)
    {
        Assert.Equal(await stack.ScalarAsync($"select count(*) from eventstore.{table}"), await CountAsync(stack.WorkerDatabase, "*", table));
    }

    [Theory]
    [InlineData("update eventstore.ct_outbox set dispatched_at = now()")]
    [InlineData("delete from eventstore.ct_outbox")]
    [InlineData("truncate eventstore.ct_outbox")]
    [InlineData("update eventstore.ct_inbox set handled_at = now()")]
    [InlineData("delete from eventstore.ct_inbox")]
    [InlineData("truncate eventstore.ct_inbox")]
    [InlineData("delete from eventstore.mt_streams")]
    [InlineData("truncate eventstore.mt_streams")]
    [InlineData("insert into eventstore.ct_projection_progress (name, tx_id, seq_id) values ('forged', '0'::xid8, 0)")]
    [InlineData("update eventstore.ct_projection_progress set seq_id = 0")]
    [InlineData("delete from eventstore.ct_projection_progress")]
    [InlineData("truncate eventstore.ct_projection_progress")]
    [InlineData("create table eventstore.planted (x int)")]
    [InlineData("update eventstore.ct_police_disclosures set sent_at = now()")]
    [InlineData("delete from eventstore.ct_police_disclosures")]
    [InlineData("truncate eventstore.ct_police_disclosures")]
    public async Task the_request_role_cannot_change_what_only_background_work_changes(string sql)
    {
        var error = await RefusedAsync(stack.AppDatabase, sql);

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    /// <summary>The read models only projections write, one per service that has any: the request role reads them and
    /// may not insert, update or delete a row even of its own authority.</summary>
    [Theory]
    [InlineData("rev_children", "(authority, child_id, version, state) values ('831', 'forged', 1, '{}')")]
    [InlineData("hlt_children", "(authority, child_id, version, state) values ('831', 'forged', 1, '{}')")]
    [InlineData("ind_events", "(authority, seq_id, child_id, event_id, event_type, recorded_at, data) values ('831', -1, 'forged', gen_random_uuid(), 't', now(), '{}')")]
    [InlineData("ind_authorities", "(authority, events) values ('831', 0)")]
    public async Task the_request_role_only_reads_the_read_models_projections_write(string table, string insert)
    {
        // Reviews, then Indicators, then Health apply their schemas one after another, each granting the request role
        // its rights on every table again: the marked tables must come out read-only whichever service ran last.
        stack.Start<ReviewsHost>();
        stack.Start<IndicatorsHost>();
        stack.Start<HealthHost>();

        var inserting = await RefusedAsync(stack.AppDatabase, $"insert into eventstore.{table} {insert}");
        var updating = await RefusedAsync(stack.AppDatabase, $"update eventstore.{table} set authority = authority");
        var deleting = await RefusedAsync(stack.AppDatabase, $"delete from eventstore.{table}");

        Assert.All(new[] { inserting, updating, deleting }, e => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState));
        Assert.All(new[] { inserting, updating, deleting }, e => Assert.Contains("permission denied", e.MessageText));
        Assert.True(await CountAsync(stack.AppDatabase, "831", table) >= 0);
    }

    /// <summary>Only work granted them opens the background role's connections (every authority): a flow marked as a
    /// request gets an exception from the service's own store, and so does all work it starts, including work started
    /// with the execution context suppressed or on a thread of its own, which escaped a refusal that went by marking
    /// requests; an unmarked flow (granted nothing) is refused as well. Granted work gets them, and /health/ready still
    /// reads the outbox counts through them.</summary>
    [Fact]
    public async Task request_work_cannot_open_a_background_connection()
    {
        var store = placements.Services.GetRequiredService<CareTracking.EventStore.DocumentStore>();
        Exception? Ask() => Record.Exception(() => store.SystemDataSource);

        async Task<Dictionary<string, Exception?>> AsRequestAsync()
        {
            using var request = CareTracking.EventStore.WorkerConnections.Refuse("GET /api/children/{childId}");
            var asked = new Dictionary<string, Exception?> { ["here"] = Ask(), ["started"] = await Task.Run(Ask) };
            asked["leader"] = await Record.ExceptionAsync(async () =>
                await (await CareTracking.EventStore.Leadership.OpenAsync(store, "escape-test", CancellationToken.None)).DisposeAsync());
            Task<Exception?> suppressed;
            using (ExecutionContext.SuppressFlow())
                suppressed = Task.Run(Ask);
            asked["suppressed flow"] = await suppressed;
            foreach (var (name, unsafeStart) in new[] { ("new thread", false), ("new thread, unsafe start", true) })
            {
                Exception? onThread = null;
                var thread = new Thread(() => onThread = Ask());
                if (unsafeStart) thread.UnsafeStart(); else thread.Start();
                thread.Join();
                asked[name] = onThread;
            }
            return asked;
        }
        var asked = await AsRequestAsync();
        asked["unmarked"] = Ask();

        Assert.All(asked, a => Assert.True(a.Value is CareTracking.EventStore.WorkerConnectionRefusedException, $"{a.Key}: {a.Value?.GetType().Name ?? "a connection"}"));
        Assert.Contains("GET /api/children/{childId}", asked["here"]!.Message);
        using (CareTracking.EventStore.WorkerConnections.Grant("test: background work"))
        await using (var conn = await store.SystemDataSource.OpenConnectionAsync())
            Assert.Equal(System.Data.ConnectionState.Open, conn.State);
        var ready = await placements.CreateClient().GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.DoesNotContain("unavailable", body);
        Assert.Contains("\"pending\"", body);
    }

    [Fact]
    public async Task the_request_role_may_append_to_the_read_audit_of_its_authority_and_no_other()
    {
        await using var conn = new NpgsqlConnection(stack.AppDatabase);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            select set_config('ct.authority', '831', false);
            insert into eventstore.ct_child_read_audit (client, authority, child_id, what) values ('raw-sql', '831', 'roles-831', 'test');
            """, conn);
        await cmd.ExecuteNonQueryAsync();
        await using var other = new NpgsqlCommand(
            "insert into eventstore.ct_child_read_audit (client, authority, child_id, what) values ('raw-sql', '855', 'roles-855', 'test')", conn);
        var error = await Assert.ThrowsAsync<PostgresException>(() => other.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(1, await stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where client = 'raw-sql'"));
    }

    [Theory]
    [InlineData("select count(*) from eventstore.ct_child_read_audit")]
    [InlineData("insert into eventstore.ct_child_read_audit (client, authority, child_id, what) values ('worker', '831', 'roles-831', 'test')")]
    [InlineData("delete from eventstore.ct_child_read_audit")]
    [InlineData("insert into eventstore.mt_events (seq_id, id, stream_id, version, data, type, tenant_id) values (-1, gen_random_uuid(), 'x', 1, '{}', 't', '831')")]
    [InlineData("update eventstore.mt_events set data = '{}'::jsonb")]
    [InlineData("delete from eventstore.mt_events")]
    [InlineData("update eventstore.mt_streams set version = 0")]
    [InlineData("insert into eventstore.ct_outbox (message_id, source, authority, transport, message_type, body) values (gen_random_uuid(), 'x', '831', 'bus', 't', '{}')")]
    [InlineData("create table eventstore.planted (x int)")]
    [InlineData("insert into eventstore.ct_police_disclosures (authority, alert_id, child_id, episode_id, kind, force, risk_level) values ('831', gen_random_uuid(), 'roles-831', gen_random_uuid(), 'reported', 'x', 'high')")]
    [InlineData("delete from eventstore.ct_police_disclosures")]
    public async Task the_worker_role_cannot_write_history_nor_touch_the_read_audit(string sql)
    {
        var error = await RefusedAsync(stack.WorkerDatabase, sql, scope: "*");

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task the_outbox_relay_running_as_the_worker_sends_both_authorities_messages()
    {
        var pending = await Eventually.Within(TimeSpan.FromSeconds(30),
            () => stack.ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null"), n => n == 0);

        Assert.Equal(0, pending);
        Assert.Equal(2, await stack.ScalarAsync("select count(distinct authority) from eventstore.ct_outbox"));
    }
}
