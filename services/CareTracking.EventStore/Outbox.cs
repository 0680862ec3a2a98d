using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;

namespace CareTracking.EventStore;

public sealed record OutboxRecord(long Id, Guid MessageId, string Authority, string Transport, string MessageType,
    string? Destination, string? RoutingKey, string Body, DateTimeOffset CreatedAt);

/// <summary>Sends one outbox message and returns only once the broker has confirmed it.</summary>
public interface IOutboxTransport
{
    Task SendAsync(OutboxRecord message, CancellationToken ct);
}

public sealed record OutboxRelayOptions
{
    public int BatchSize { get; init; } = 100;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(25);
    public TimeSpan LeaderRetry { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How long the breaker stays open after repeated send failures (broker down) before a trial send.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Relays a service's outbox to the broker in transaction-id order (PostgreSQL gives a transaction its id at its
/// first write), each message only once every transaction with an earlier id has finished, marking each message
/// dispatched after the broker confirms it. That is not commit order, but for one stream it is the stream's own
/// order when appends carry an expected version, as every service's do: an append takes the stream's lock and
/// checks the version, so a racing append fails with a concurrency error rather than committing out of order
/// (an append with a null expected version has no such guarantee). A message is sent at least once (a crash
/// between confirm and mark resends it with the same message id, which consumers' inboxes drop). One relay per
/// service runs at a time (advisory lock), which keeps order; while the broker is down a circuit breaker stops
/// hammering it and messages wait in the table.
/// </summary>
public sealed class OutboxRelay
{
    private readonly DocumentStore store;
    private readonly IOutboxTransport transport;
    private readonly OutboxRelayOptions options;
    private readonly ILogger logger;
    private readonly ResiliencePipeline breaker;

    public OutboxRelay(DocumentStore store, IOutboxTransport transport, OutboxRelayOptions options, ILogger logger)
    {
        this.store = store;
        this.transport = transport;
        this.options = options;
        this.logger = logger;
        breaker = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.BreakDuration,
                OnOpened = _ => { logger.LogWarning("Outbox relay circuit opened: the broker is failing; messages wait in the outbox"); return default; },
                OnClosed = _ => { logger.LogInformation("Outbox relay circuit closed: sending again"); return default; },
            })
            .Build();
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
                await using (var lockCmd = new NpgsqlCommand("select pg_try_advisory_lock(hashtext(@k))", conn))
                {
                    lockCmd.Parameters.AddWithValue("k", $"ct-outbox:{store.Schema}:{store.Options.Source}");
                    if (!(bool)(await lockCmd.ExecuteScalarAsync(ct))!)
                    {
                        await Task.Delay(options.LeaderRetry, ct);
                        continue;
                    }
                }
                while (!ct.IsCancellationRequested)
                    if (await RelayBatchAsync(conn, ct) == 0)
                        await Task.Delay(options.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (BrokenCircuitException)
            {
                await Quietly(Task.Delay(options.BreakDuration, ct));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning(e, "Outbox relay lost its database connection; retrying");
                await Quietly(Task.Delay(options.LeaderRetry, ct));
            }
        }
    }

    /// <summary>Sends pending messages in transaction-id order, only those below the oldest transaction still
    /// running, stopping at the first that fails.</summary>
    public async Task<int> RelayBatchAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var pending = new List<OutboxRecord>();
        await using (var cmd = new NpgsqlCommand(
            $"""
            select id, message_id, authority, transport, message_type, destination, routing_key, body::text, created_at
            from {store.Schema}.ct_outbox
            where source = @src and dispatched_at is null and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by tx_id, id limit @max
            """, conn))
        {
            cmd.Parameters.AddWithValue("src", store.Options.Source);
            cmd.Parameters.AddWithValue("max", options.BatchSize);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                pending.Add(new OutboxRecord(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7),
                    r.GetFieldValue<DateTimeOffset>(8)));
        }

        var sent = 0;
        try
        {
            foreach (var message in pending)
            {
                await breaker.ExecuteAsync(async token => await transport.SendAsync(message, token), ct);
                await using var mark = new NpgsqlCommand($"update {store.Schema}.ct_outbox set dispatched_at = now() where id = @id", conn);
                mark.Parameters.AddWithValue("id", message.Id);
                await mark.ExecuteNonQueryAsync(ct);
                sent++;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not NpgsqlException and not BrokenCircuitException)
        {
            logger.LogWarning("Outbox relay could not send message {MessageId} ({Type}): {Error}; it waits for the next attempt",
                pending[sent].MessageId, pending[sent].MessageType, e.Message);
            await Task.Delay(options.PollInterval * 8, ct);
        }
        return sent;
    }

    public static async Task<long> PendingCountAsync(DocumentStore store, CancellationToken ct = default)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select count(*) from {store.Schema}.ct_outbox where source = @src and dispatched_at is null", conn);
        cmd.Parameters.AddWithValue("src", store.Options.Source);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task Quietly(Task t)
    {
        try { await t; } catch (OperationCanceledException) { }
    }
}
