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
