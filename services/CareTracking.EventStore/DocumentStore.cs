using Npgsql;
using Polly;
using Polly.Retry;

namespace CareTracking.EventStore;

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
    /// <exception cref="WorkerConnectionRefusedException">Asked for in a flow not granted background connections
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

    /// <summary>Like <see cref="ForAuthorityAsync{T}"/>, for a short read or write: the authority's scope and
    /// <paramref name="statements"/> go as one batch, one round trip, which PostgreSQL runs as one implicit transaction
    /// (the scope is transaction-local), where BEGIN, the scope, each statement and COMMIT would each cost one. The
    /// children's data keys are read this way on every post with personal text (docs/benchmarks.md, "The key read in
    /// one round trip"). <paramref name="read"/> gets the reader at the first statement after the scope that returns
    /// rows; the statements are made afresh for each attempt (the store's retries).</summary>
    public async Task<T> ForAuthorityInOneRoundTripAsync<T>(string authority, Func<NpgsqlBatchCommand[]> statements,
        Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken ct = default) =>
        await Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await DataSource.OpenConnectionAsync(token);
            await using var batch = new NpgsqlBatch(conn);
            batch.BatchCommands.Add(AuthorityScope.Command(authority));
            foreach (var statement in statements()) batch.BatchCommands.Add(statement);
            await using var r = await batch.ExecuteReaderAsync(token);
            await r.NextResultAsync(token); // past the scope's row
            return await read(r, token);
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
