using Npgsql;
using NpgsqlTypes;
using Polly;
using Polly.Retry;

namespace CareTracking.EventStore;

public sealed record StoreOptions(string ConnectionString, string Source, string Schema = "eventstore")
{
    /// <summary>Retries of transient PostgreSQL errors (restart, failover, dropped connection), with
    /// exponential backoff and jitter. Appends are safe to retry because event ids are fixed before the
    /// first attempt.</summary>
    public int TransientRetries { get; init; } = 4;
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
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
        DataSource = builder.Build();
        Resilience = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientDatabaseErrors.IsTransient),
                MaxRetryAttempts = options.TransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstRetryDelay,
            })
            .Build();
    }

    public StoreOptions Options { get; }
    public EventTypeRegistry Types { get; }
    public string Schema { get; }
    public NpgsqlDataSource DataSource { get; }
    public ResiliencePipeline Resilience { get; }

    public EventSession LightweightSession(string authority, AppendContext? context = null) =>
        new(this, Authorities.Validate(authority), context ?? AppendContext.None);

    /// <summary>Creates or updates the schema. Idempotent; concurrent starts serialise on an advisory lock.</summary>
    public async Task ApplySchemaAsync(CancellationToken ct = default)
    {
        await using var stream = typeof(DocumentStore).Assembly.GetManifestResourceStream("CareTracking.EventStore.Schema.001_event_store.sql")
            ?? throw new InvalidOperationException("The schema script is missing from the assembly.");
        var sql = (await new StreamReader(stream).ReadToEndAsync(ct)).Replace("{schema}", Schema);
        await Resilience.ExecuteAsync(async token =>
        {
            await using var conn = await DataSource.OpenConnectionAsync(token);
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

    public EventFeed Feed => new(this);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
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
    /// <summary>Errors worth retrying: the server is restarting, shutting down, or the connection broke.
    /// Never a constraint or concurrency error.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState is "57P01" or "57P02" or "57P03" || pg.SqlState.StartsWith("08"),
        NpgsqlException npg => npg.IsTransient,
        TimeoutException => true,
        System.Net.Sockets.SocketException => true,
        _ => false,
    };
}
