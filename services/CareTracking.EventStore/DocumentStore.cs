using Npgsql;
using NpgsqlTypes;
using Polly;
using Polly.Retry;

namespace CareTracking.EventStore;

public sealed record StoreOptions(string ConnectionString, string Source, string Schema = "eventstore")
{
    /// <summary>Retries of transient PostgreSQL errors (restart, failover, dropped connection), with
    /// exponential backoff and jitter. Appends are safe to retry because event ids are fixed before the
    /// first attempt. Six retries, 200 ms doubling to at most 2 s, wait about 7 s in all: enough for a
    /// restart or failover (pg_ctl start took over 2 s on a loaded CI machine, past the 3 s four retries gave
    /// with jitter), short enough that the client gets its 503 while it still waits.</summary>
    public int TransientRetries { get; init; } = 6;
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest one piece of request or consumer work may spend on the database through
    /// <see cref="DocumentStore.Resilience"/>, every attempt and wait included (EventStore:RequestBudgetSeconds).
    /// Past it the work is cancelled (the statement too) with <c>TimeoutRejectedException</c>, which a request
    /// answers 503 with Retry-After: a statement blocked on a lock was otherwise retried after each 30 s command
    /// timeout, for minutes (docs/reliability.md, item 10).</summary>
    public TimeSpan RequestBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Max Pool Size of the request pool (EventStore:MaxPoolSize) and of the background pool
    /// (EventStore:WorkerMaxPoolSize); they replace any in the connection strings. With Npgsql's 100 each, two
    /// instances of the six services could ask for 2,400 connections of a server allowing 300. The defaults keep
    /// twelve instances and their leaders' connections under it with a reserve (docs/reliability.md, "Connection
    /// budget").</summary>
    public int MaxPoolSize { get; init; } = DefaultMaxPoolSize;
    public int WorkerMaxPoolSize { get; init; } = DefaultWorkerMaxPoolSize;
    public const int DefaultMaxPoolSize = 14;
    public const int DefaultWorkerMaxPoolSize = 4;

    /// <summary>How long the services' roles may leave a transaction idle before the server ends the session
    /// (idle_in_transaction_session_timeout, set per role in the database by the migration: Schema/006).</summary>
    public TimeSpan IdleInTransactionTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A privileged connection that applies the schema, when the service itself connects as a
    /// restricted role (see docs/event-store.md, "Authority isolation in PostgreSQL"). The schema then grants
    /// that role data rights only. Null: the service's own connection applies it (and owns the tables).</summary>
    public string? MigrationConnectionString { get; init; }

    /// <summary>The background role's connection (the feed, projections, the outbox relay): the only one whose
    /// connections may take the system scope. Null: the same role as <see cref="ConnectionString"/> does both,
    /// and that role may then take the system scope itself (docs/security.md, "Database roles").</summary>
    public string? WorkerConnectionString { get; init; }

    /// <summary>Npgsql's log for the request pool (its statements, batches and transactions); null: none.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? NpgsqlLogging { get; init; }
}

/// <summary>
/// The event store, shaped like Marten's IDocumentStore: open a session for one authority, stage stream
/// operations, outbox messages and inbox marks, then SaveChangesAsync commits them together.
/// </summary>
public sealed class DocumentStore : IAsyncDisposable
{
    public DocumentStore(StoreOptions options, EventTypeRegistry types)
    {
        Options = options;
        Types = types;
        Schema = SchemaName.Validate(options.Schema);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        // The append and feed statements run thousands of times a second: keep them prepared per connection.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        builder.ConnectionStringBuilder.MaxPoolSize = options.MaxPoolSize;
        if (options.NpgsqlLogging is { } logging) builder.UseLoggerFactory(logging);
        DataSource = builder.Build();
        // The system scope is fixed when the connection starts, so it survives the pool's reset and never
        // reaches the request-path pool, whose connections see rows only inside an authority-scoped transaction.
        var system = new NpgsqlDataSourceBuilder(options.WorkerConnectionString ?? builder.ConnectionString);
        if (system.ConnectionStringBuilder.MaxAutoPrepare == 0) system.ConnectionStringBuilder.MaxAutoPrepare = 32;
        system.ConnectionStringBuilder.MaxPoolSize = options.WorkerMaxPoolSize;
        system.ConnectionStringBuilder.Options = $"{system.ConnectionStringBuilder.Options} -c {AuthorityScope.Setting}={AuthorityScope.System}".Trim();
        systemDataSource = system.Build();
        Marten = MartenEvents.Build(DataSource, Schema, types);
        var retry = new RetryStrategyOptions
        {
            // A full pool is load, not an outage: the wait for a connection (the connection string's Timeout)
            // already passed, and another wait, or clearing the pool, would only add to it. It answers 503.
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => TransientDatabaseErrors.IsTransient(e) && !TransientDatabaseErrors.IsPoolExhausted(e)),
            MaxRetryAttempts = options.TransientRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.FirstRetryDelay,
            MaxDelay = options.MaxRetryDelay,
            // After a restart every idle pooled connection is dead, and each retry would otherwise take the
            // next dead one and fail at once, using up the retries before a fresh connection is tried.
            OnRetry = args =>
            {
                if (args.Outcome.Exception is { } e && TransientDatabaseErrors.IsLostConnection(e))
                {
                    DataSource.Clear();
                    systemDataSource.Clear();
                }
                return default;
            },
        };
        // The budget is outside the retries, so it bounds them all.
        Resilience = new ResiliencePipelineBuilder().AddTimeout(options.RequestBudget).AddRetry(retry).Build();
        // Schema changes may take longer than a request (an index on a large table) and are no request's.
        migrationResilience = new ResiliencePipelineBuilder().AddRetry(retry).Build();
    }

    public StoreOptions Options { get; }
    public EventTypeRegistry Types { get; }
    public string Schema { get; }
    /// <summary>Connections for work done for one authority: row-level security shows them nothing until a
    /// transaction is scoped to an authority (sessions and stream reads do that; <see cref="AuthorityScope.Command"/>
    /// scopes a batch) or
    /// <see cref="ForAuthorityAsync{T}"/>.</summary>
    public NpgsqlDataSource DataSource { get; }

    private readonly NpgsqlDataSource systemDataSource;

    /// <summary>Connections that see every authority: for the background work that spans them (the feed,
    /// projections, the outbox relay), never for a request.</summary>
    /// <exception cref="WorkerConnectionRefusedException">Asked for in a flow marked as request work
    /// (<see cref="WorkerConnections"/>).</exception>
    public NpgsqlDataSource SystemDataSource
    {
        get
        {
            WorkerConnections.Check();
            return systemDataSource;
        }
    }
    /// <summary>Retries transient database errors (<see cref="StoreOptions.TransientRetries"/>) within
    /// <see cref="StoreOptions.RequestBudget"/>.</summary>
    public ResiliencePipeline Resilience { get; }
    private readonly ResiliencePipeline migrationResilience;

    /// <summary>Marten over the request pool: sessions are opened on a transaction already scoped to one
    /// authority (<see cref="EventSession"/>, stream reads), never on a connection of their own.</summary>
    internal global::Marten.IDocumentStore Marten { get; }

    public EventSession LightweightSession(string authority, AppendContext? context = null) =>
        new(this, Authorities.Validate(authority), context ?? AppendContext.None);

    /// <summary>Runs <paramref name="read"/> in a transaction scoped to one authority: whatever it queries,
    /// PostgreSQL returns and accepts only that authority's rows of child data.</summary>
    public async Task<T> ForAuthorityAsync<T>(string authority, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> read, CancellationToken ct = default) =>
        await Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await DataSource.OpenConnectionAsync(token);
            await using var tx = await conn.BeginTransactionAsync(token);
            await using (var scope = new NpgsqlCommand(AuthorityScope.Sql, conn, tx))
            {
                scope.Parameters.AddWithValue(AuthorityScope.Parameter, Authorities.Validate(authority));
                await scope.ExecuteNonQueryAsync(token);
            }
            var result = await read(conn, tx, token);
            await tx.CommitAsync(token);
            return result;
        }, ct);

    /// <summary>True when the service's own role skips row-level security (a superuser or BYPASSRLS role), so
    /// only the service's filters keep authorities apart.</summary>
    public async Task<bool> BypassesRowSecurityAsync(CancellationToken ct = default)
    {
        await using var conn = await DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("select rolsuper or rolbypassrls from pg_roles where rolname = current_user", conn);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Creates or updates the schema. Idempotent; concurrent starts serialise on an advisory lock.</summary>
    public async Task ApplySchemaAsync(CancellationToken ct = default) =>
        await MigrateAsync(string.Join("\n", await ScriptAsync("001_event_store.sql", ct), await ScriptAsync("003_marten_events.sql", ct),
                await ScriptAsync("005_privacy.sql", ct))
            .Replace("{authority_policies}", string.Join("\n", ChildDataTables.Select(t => AuthorityScope.PolicySql(Schema, t.Table, t.Column))))
            .Replace("{privacy_policies}", string.Join("\n", PrivacyTables.Select(t => AuthorityScope.PolicySql(Schema, t))))
            .Replace("{schema}", Schema), ct);

    /// <summary>The event store's tables that hold child data, each under the authority policy. Marten's event
    /// tables carry the authority as their tenant id.</summary>
    private static readonly (string Table, string Column)[] ChildDataTables =
        [("mt_streams", "tenant_id"), ("mt_events", "tenant_id"), ("ct_outbox", "authority"), ("ct_child_read_audit", "authority")];

    /// <summary>The data-protection tables (Schema/005_privacy.sql), under the same policy once that script made them.</summary>
    private static readonly string[] PrivacyTables = ["ct_police_disclosures", "ct_child_keys"];

    /// <summary>
    /// Creates or updates a service's own read-model tables the same way as the event store's: through the
    /// migration connection when one is configured (so the privileged role owns them and the services' role,
    /// which only gets data rights, cannot switch their row-level security off), under the schema lock.
    /// </summary>
    public Task ApplyReadModelSchemaAsync(string sql, CancellationToken ct = default) => MigrateAsync(sql, ct);

    private async Task MigrateAsync(string sql, CancellationToken ct)
    {
        var appRole = new NpgsqlConnectionStringBuilder(Options.ConnectionString).Username;
        var workerRole = Options.WorkerConnectionString is { } w ? new NpgsqlConnectionStringBuilder(w).Username : appRole;
        var migrationRole = Options.MigrationConnectionString is { } m ? new NpgsqlConnectionStringBuilder(m).Username : appRole;
        if (appRole is not null && migrationRole != appRole)
            sql += "\n" + (workerRole is not null && workerRole != appRole && workerRole != migrationRole
                ? (await ScriptAsync("004_split_roles.sql", ct)).Replace("{worker_role}", SchemaName.Validate(workerRole))
                : await ScriptAsync("002_app_role.sql", ct)).Replace("{schema}", Schema).Replace("{app_role}", SchemaName.Validate(appRole));
        if (workerRole is not null) sql += "\n" + AuthorityScope.SystemPolicySql(Schema, workerRole);
        sql += "\n" + SessionLimitsSql(await ScriptAsync("006_session_limits.sql", ct), appRole, workerRole);
        await using var migration = Options.MigrationConnectionString is { } admin ? NpgsqlDataSource.Create(admin) : null;
        await migrationResilience.ExecuteAsync(async token =>
        {
            await using var conn = await (migration ?? DataSource).OpenConnectionAsync(token);
            await using var tx = await conn.BeginTransactionAsync(token);
            await using (var lockCmd = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('ct-schema:' || @s))", conn, tx))
            {
                lockCmd.Parameters.AddWithValue("s", Schema);
                await lockCmd.ExecuteNonQueryAsync(token);
            }
            await using (var cmd = new NpgsqlCommand(sql, conn, tx))
                await cmd.ExecuteNonQueryAsync(token);
            await tx.CommitAsync(token);
        }, ct);
    }

    private string SessionLimitsSql(string script, params string?[] roles) => script
        .Replace("{roles}", string.Join(", ", roles.OfType<string>().Distinct().Select(r => $"'{r.Replace("'", "''")}'").DefaultIfEmpty("null")))
        .Replace("{idle_in_transaction}", ((long)Options.IdleInTransactionTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<string> ScriptAsync(string name, CancellationToken ct)
    {
        await using var stream = typeof(DocumentStore).Assembly.GetManifestResourceStream($"CareTracking.EventStore.Schema.{name}")
            ?? throw new InvalidOperationException($"The schema script {name} is missing from the assembly.");
        return await new StreamReader(stream).ReadToEndAsync(ct);
    }

    public EventFeed Feed => new(this);

    public async ValueTask DisposeAsync()
    {
        Marten.Dispose();
        await DataSource.DisposeAsync();
        await systemDataSource.DisposeAsync();
    }
}

/// <summary>The transaction-local setting the row-level security policies compare each row's authority with.</summary>
public static class AuthorityScope
{
    public const string Setting = "ct.authority";
    /// <summary>The system scope: every authority. Only <see cref="DocumentStore.SystemDataSource"/> sets it.</summary>
    public const string System = "*";
    internal const string Parameter = "ct_scope_authority";
    internal const string Sql = $"select set_config('{Setting}', @{Parameter}, true)";

    /// <summary>A first command for a batch (which runs in one implicit transaction) that scopes the batch to
    /// one authority.</summary>
    public static NpgsqlBatchCommand Command(string authority)
    {
        var cmd = new NpgsqlBatchCommand(Sql);
        cmd.Parameters.AddWithValue(Parameter, Authorities.Validate(authority));
        return cmd;
    }

    private const string Scope = $"(select current_setting('{Setting}', true))";

    /// <summary>
    /// SQL that puts a service's own read-model table (whose <paramref name="column"/> holds the authority) under the
    /// event store's policy: row-level security enabled and forced, rows visible and writable only in a
    /// transaction scoped to their authority, for every role (<c>ct_scope</c>). The system scope is a second
    /// policy for the background role only (<see cref="SystemPolicySql"/>), so the request role setting
    /// <c>ct.authority</c> to <c>*</c> itself sees nothing. Idempotent, and guarded like the event store's, so a
    /// restart takes no exclusive lock; concurrent starts serialise on an advisory lock. A table still under the
    /// older single policy (<c>ct_authority</c>, which let any role take the system scope) is moved to the new ones.
    /// </summary>
    public static string PolicySql(string schema, string table, string column = "authority")
    {
        SchemaName.Validate(column);
        var qualified = $"{SchemaName.Validate(schema)}.{SchemaName.Validate(table)}";
        return $"""
            do $ct_policy$
            begin
                perform pg_advisory_xact_lock(hashtext('ct-policy:{qualified}'));
                if not exists (select 1 from pg_policies where schemaname = '{schema}' and tablename = '{table}' and policyname = 'ct_scope') then
                    alter table {qualified} enable row level security;
                    alter table {qualified} force row level security;
                    create policy ct_scope on {qualified}
                        using ({column} = {Scope})
                        with check ({column} = {Scope});
                    drop policy if exists ct_authority on {qualified};
                end if;
            end $ct_policy$;
            """;
    }

    /// <summary>What a read model's table comment starts with when only background work writes it.</summary>
    public const string BackgroundOnlyMarker = "ct:background-only";

    /// <summary>
    /// SQL that marks a read-model table as written by background work only (projections, rebuilds): the request
    /// role may then only read it. The mark is the table's comment, so 004_split_roles.sql, which every service runs
    /// at every start after granting the request role its rights on all tables, finds it whichever service made the
    /// table, and takes the writes back each time.
    /// </summary>
    public static string BackgroundOnlySql(string schema, string table) =>
        $"comment on table {SchemaName.Validate(schema)}.{SchemaName.Validate(table)} is "
        + $"'{BackgroundOnlyMarker}: a read model written by projections; the request role may only read it (docs/security.md, Database roles)';";

    /// <summary>
    /// SQL that lets <paramref name="workerRole"/> (the background role) see and write every authority's rows on a
    /// system-scope connection: a policy <c>ct_system</c> on every table of the schema under <c>ct_scope</c>, to
    /// that role only. Roles are added, never removed, so services started with older settings keep working; a
    /// superuser or BYPASSRLS role needs none. Run after the tables' own SQL, under the schema lock.
    /// </summary>
    public static string SystemPolicySql(string schema, string workerRole)
    {
        SchemaName.Validate(schema);
        SchemaName.Validate(workerRole);
        var isSystem = $"{Scope} = '{System}'".Replace("'", "''");
        return $"""
            do $ct_system$
            declare
                t record;
                roles text;
            begin
                if not exists (select 1 from pg_roles where rolname = '{workerRole}' and not rolsuper and not rolbypassrls) then
                    return;
                end if;
                for t in select p.tablename, s.roles from pg_policies p
                         left join pg_policies s on s.schemaname = p.schemaname and s.tablename = p.tablename and s.policyname = 'ct_system'
                         where p.schemaname = '{schema}' and p.policyname = 'ct_scope' loop
                    if t.roles is null then
                        execute format('create policy ct_system on %I.%I to %I using ({isSystem}) with check ({isSystem})',
                            '{schema}', t.tablename, '{workerRole}');
                    elsif not ('{workerRole}' = any(t.roles)) then
                        select string_agg(quote_ident(r), ', ') into roles from (select unnest(t.roles) as r union select '{workerRole}') x;
                        execute format('alter policy ct_system on %I.%I to %s', '{schema}', t.tablename, roles);
                    end if;
                end loop;
            end $ct_system$;
            """;
    }
}

internal static class SchemaName
{
    public static string Validate(string schema) =>
        System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]{0,62}$")
            ? schema
            : throw new ArgumentException($"Schema name '{schema}' must be lower-case letters, digits and underscores.");
}

public static class Authorities
{
    /// <summary>An authority is a three-digit DfE LA code such as 831 (Derby).</summary>
    public static string Validate(string authority) =>
        authority is { Length: 3 } && authority.All(char.IsAsciiDigit)
            ? authority
            : throw new ArgumentException("An authority must be a three-digit LA code.", nameof(authority));
}

public static class TransientDatabaseErrors
{
    /// <summary>The connection itself is gone (server restarting or shut down, socket broken), as opposed to a
    /// transient error inside a healthy connection (a deadlock, a serialization failure).</summary>
    public static bool IsLostConnection(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is "57P01" or "57P02" or "57P03" || pg.SqlState.StartsWith("08"),
        NpgsqlException or TimeoutException or System.Net.Sockets.SocketException => true,
        _ => e.InnerException is { } inner && IsLostConnection(inner),
    };

    /// <summary>Npgsql waited its Timeout for a connection of a pool at Max Pool Size.</summary>
    public static bool IsPoolExhausted(Exception e) =>
        (e is NpgsqlException { InnerException: TimeoutException } && e.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal))
        || (e.InnerException is { } inner && IsPoolExhausted(inner));

    /// <summary>Errors worth retrying: the server is restarting, shutting down, or the connection broke, or the
    /// work ran out of its <see cref="StoreOptions.RequestBudget"/> (a later try may find the lock free).
    /// Never a constraint or concurrency error.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        Polly.Timeout.TimeoutRejectedException => true,
        PostgresException pg => pg.IsTransient || pg.SqlState is "57P01" or "57P02" or "57P03" || pg.SqlState.StartsWith("08"),
        NpgsqlException npg => npg.IsTransient,
        TimeoutException => true,
        System.Net.Sockets.SocketException => true,
        // Marten wraps the Npgsql error of a command it ran (MartenCommandException and the like).
        _ => e.InnerException is { } inner && IsTransient(inner),
    };
}
