using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;

namespace CareTracking.EventStore;

/// <summary>
/// Relays a service's outbox to the broker in transaction-id order (PostgreSQL gives a transaction its id at its
/// first write), each message only once every transaction with an earlier id has finished, marking each message
/// dispatched after the broker confirms it. That is not commit order, but for one stream it is the stream's own
/// order when appends carry an expected version, as every service's do: an append takes the stream's lock and
/// checks the version, so a racing append fails with a concurrency error rather than committing out of order
/// (an append with a null expected version has no such guarantee). A message is sent at least once (a crash
/// between confirm and mark resends it with the same message id, which consumers' inboxes drop). One relay per
/// service runs at a time (advisory lock on its own connection), which keeps order.
/// Nothing the broker or the database does ends the relay: while either fails it backs off (with jitter, up to
/// <see cref="OutboxRelayOptions.MaxBackoff"/>), reports the failure in <see cref="State"/>, and resumes where it
/// stopped; messages wait in the table meanwhile. A message that cannot be sent at all is parked after
/// <see cref="OutboxRelayOptions.MaxAttempts"/> with its error, so it no longer holds back the rest.
/// </summary>
public sealed class OutboxRelay
{
    private readonly DocumentStore store;
    private readonly IOutboxTransport transport;
    private readonly OutboxRelayOptions options;
    private readonly ILogger logger;
    private readonly ResiliencePipeline breaker;
    private volatile OutboxRelayState state = new(null, null, null);
    private DateTimeOffset nextPurge = DateTimeOffset.MinValue;

    public OutboxRelay(DocumentStore store, IOutboxTransport transport, OutboxRelayOptions options, ILogger logger)
    {
        this.store = store;
        this.transport = transport;
        this.options = options;
        this.logger = logger;
        breaker = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Timeouts count: a hang is the broker failing too. An unsendable message is not the broker's fault.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not UnsendableMessageException),
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.BreakDuration,
                OnOpened = _ => { logger.LogWarning("Outbox relay circuit opened: the broker is failing; messages wait in the outbox"); return default; },
                OnClosed = _ => { logger.LogInformation("Outbox relay circuit closed: sending again"); return default; },
            })
            .Build();
    }

    public OutboxRelayState State => state;
    private volatile bool isLeader;
    /// <summary>Whether this instance holds the relay's lock now (one instance of a service sends at a time).</summary>
    public bool IsLeader => isLeader;
    private string LockKey => $"ct-outbox:{store.Schema}:{store.Options.Source}";

    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            NpgsqlConnection? conn = null;
            var locked = false;
            try
            {
                conn = await Leadership.OpenAsync(store, "outbox", ct);
                locked = await Leadership.TryLockAsync(conn, LockKey, ct);
                if (!locked)
                {
                    await Task.Delay(options.LeaderRetry, ct);
                    continue;
                }
                isLeader = true;
                while (!ct.IsCancellationRequested)
                {
                    await PurgeWhenDueAsync(conn, ct);
                    int sent;
                    try
                    {
                        sent = await RelayBatchAsync(conn, ct);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested && e is not NpgsqlException && conn.FullState == System.Data.ConnectionState.Open)
                    {
                        // The broker failed, not the database: keep the connection and the lead, and try again.
                        await BackOffAsync(e, ++failures, ct, first: TimeSpan.FromMilliseconds(250));
                        continue;
                    }
                    if (state.FailingSince is not null) Recovered();
                    failures = 0;
                    if (sent == 0) await Task.Delay(options.PollInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                // Whatever failed (database restarting, connection lost, a defect), the relay waits and starts
                // again on a new connection: ending here would stop the host and every later post with it.
                await BackOffAsync(e, ++failures, ct, first: options.LeaderRetry);
            }
            finally
            {
                isLeader = false;
                if (conn is not null) await Leadership.ReleaseAsync(conn, LockKey, locked);
            }
        }
    }

    private async Task BackOffAsync(Exception e, int failures, CancellationToken ct, TimeSpan first)
    {
        Failed(e);
        OutboxMetrics.RelayFailures.Add(1);
        var delay = e is BrokenCircuitException ? options.BreakDuration : Leadership.Backoff(failures, first, options.MaxBackoff);
        if (failures == 1 || failures % 10 == 0)
            logger.LogWarning("Outbox relay failed ({Error}); retrying in {Delay} ms (failure {Failures})",
                Describe(e), (int)delay.TotalMilliseconds, failures);
        await Quietly(Task.Delay(delay, ct));
    }

    /// <summary>Sends pending messages in transaction-id order, only those below the oldest transaction still
    /// running. A broker failure stops the batch (the message is tried again first, keeping order); an
    /// unsendable message is counted, and parked once it has failed <see cref="OutboxRelayOptions.MaxAttempts"/>
    /// times.</summary>
    public async Task<int> RelayBatchAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var pending = new List<OutboxRecord>();
        await using (var cmd = new NpgsqlCommand(
            $"""
            select id, message_id, authority, transport, message_type, destination, routing_key, body::text, created_at, traceparent
            from {store.Schema}.ct_outbox
            where source = @src and dispatched_at is null and parked_at is null and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by tx_id, id limit @max
            """, conn))
        {
            cmd.Parameters.AddWithValue("src", store.Options.Source);
            cmd.Parameters.AddWithValue("max", options.BatchSize);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                pending.Add(new OutboxRecord(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7),
                    r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetString(9)));
        }

        var sent = 0;
        foreach (var message in pending)
        {
            using var span = EventStoreTelemetry.StartRelay(message);
            try
            {
                await breaker.ExecuteAsync(async token => await SendWithTimeoutAsync(message, token), ct);
            }
            catch (UnsendableMessageException e)
            {
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.ParkNow ? "unroutable" : "unsendable");
                if (!await FailedAttemptAsync(conn, message, e.Message, e.ParkNow, ct)) return sent;
                continue;
            }
            await using var mark = new NpgsqlCommand($"update {store.Schema}.ct_outbox set dispatched_at = now() where id = @id", conn);
            mark.Parameters.AddWithValue("id", message.Id);
            await mark.ExecuteNonQueryAsync(ct);
            OutboxMetrics.Sent.Add(1);
            sent++;
        }
        if (sent > 0) state = state with { LastSentAt = DateTimeOffset.UtcNow };
        return sent;
    }

    private async Task SendWithTimeoutAsync(OutboxRecord message, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.SendTimeout);
        try
        {
            // WaitAsync as well: a client that ignores its token must not hold the relay either.
            await transport.SendAsync(message, timeout.Token).WaitAsync(options.SendTimeout + TimeSpan.FromSeconds(1), ct);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm message {message.MessageId} within {options.SendTimeout.TotalSeconds:0} s.", e);
        }
    }

    /// <summary>Records a failed attempt; parks the message once it has failed too often. True when the
    /// message was parked (the batch goes on), false when it waits for the next attempt (the batch stops
    /// there, keeping order).</summary>
    private async Task<bool> FailedAttemptAsync(NpgsqlConnection conn, OutboxRecord message, string error, bool parkNow, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            update {store.Schema}.ct_outbox
            set attempts = attempts + 1, last_error = left(@err, 2000),
                parked_at = case when @now or attempts + 1 >= @max then now() end
            where id = @id
            returning parked_at is not null, attempts
            """, conn);
        cmd.Parameters.AddWithValue("id", message.Id);
        cmd.Parameters.AddWithValue("err", error);
        cmd.Parameters.AddWithValue("max", options.MaxAttempts);
        cmd.Parameters.AddWithValue("now", parkNow);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var parked = r.GetBoolean(0);
        var attempts = r.GetInt32(1);
        if (parked) OutboxMetrics.Parked.Add(1, new KeyValuePair<string, object?>("reason", parkNow ? "unroutable" : "unsendable"));
        if (parked)
            logger.LogError("Outbox message {MessageId} ({Type}) parked after {Attempts} attempts: {Error}", message.MessageId, message.MessageType, attempts, error);
        else
            logger.LogWarning("Outbox message {MessageId} ({Type}) could not be sent (attempt {Attempts} of {Max}): {Error}",
                message.MessageId, message.MessageType, attempts, options.MaxAttempts, error);
        if (!parked) await Task.Delay(Leadership.Backoff(attempts, options.LeaderRetry, options.MaxBackoff), ct);
        return parked;
    }

    /// <summary>Deletes dispatched outbox rows and inbox marks past their keeping time, a bounded chunk per run.
    /// Parked and pending rows stay.</summary>
    private async Task PurgeWhenDueAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow < nextPurge) return;
        nextPurge = DateTimeOffset.UtcNow + options.PurgeInterval;
        var purged = await PurgeAsync(store, conn, options, ct);
        if (purged > 0) logger.LogInformation("Purged {Rows} dispatched outbox rows and old inbox marks", purged);
    }

    public static async Task<long> PurgeAsync(DocumentStore store, NpgsqlConnection conn, OutboxRelayOptions options, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            with outbox as (
                delete from {store.Schema}.ct_outbox where id in (
                    select id from {store.Schema}.ct_outbox
                    where source = @src and dispatched_at < now() - @keep limit 50000)
                returning 1),
            inbox as (
                delete from {store.Schema}.ct_inbox where (consumer, message_id) in (
                    select consumer, message_id from {store.Schema}.ct_inbox where handled_at < now() - @keepInbox limit 50000)
                returning 1)
            select (select count(*) from outbox) + (select count(*) from inbox)
            """, conn);
        cmd.Parameters.AddWithValue("src", store.Options.Source);
        cmd.Parameters.AddWithValue("keep", options.KeepDispatched);
        cmd.Parameters.AddWithValue("keepInbox", options.KeepInbox);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private void Failed(Exception e) =>
        state = state with { FailingSince = state.FailingSince ?? DateTimeOffset.UtcNow, LastError = Describe(e) };

    private void Recovered()
    {
        logger.LogInformation("Outbox relay is sending again (failing since {Since})", state.FailingSince);
        state = state with { FailingSince = null, LastError = null };
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    public static async Task<long> PendingCountAsync(DocumentStore store, CancellationToken ct = default)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select count(*) from {store.Schema}.ct_outbox where source = @src and dispatched_at is null and parked_at is null", conn);
        cmd.Parameters.AddWithValue("src", store.Options.Source);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Pending and parked messages of this service's outbox, for the health endpoint.</summary>
    public static async Task<(long Pending, long Parked)> CountsAsync(DocumentStore store, CancellationToken ct = default)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select count(*) filter (where parked_at is null), count(*) filter (where parked_at is not null)
            from {store.Schema}.ct_outbox where source = @src and dispatched_at is null
            """, conn);
        cmd.Parameters.AddWithValue("src", store.Options.Source);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1));
    }

    /// <summary>Messages waiting to be sent whose transaction id is ahead of every id this server has given out. That
    /// happens only after a logical restore into another cluster, whose ids restart lower: the relay sends a message
    /// once its id is below every running transaction's, so these would wait until the new cluster's ids passed them
    /// (deploy/local/after-restore.sql renumbers them).</summary>
    public static async Task<long> StrandedCountAsync(DocumentStore store, CancellationToken ct = default)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select count(*) from {store.Schema}.ct_outbox
            where source = @src and dispatched_at is null and parked_at is null and tx_id >= pg_snapshot_xmax(pg_current_snapshot())
            """, conn);
        cmd.Parameters.AddWithValue("src", store.Options.Source);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Puts parked messages of one authority back in line (an operator's replay once the cause is
    /// fixed). Returns how many.</summary>
    public static async Task<long> ReplayParkedAsync(DocumentStore store, string authority, CancellationToken ct = default)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"update {store.Schema}.ct_outbox set parked_at = null, attempts = 0 where source = @src and authority = @a and parked_at is not null and dispatched_at is null", conn);
        cmd.Parameters.AddWithValue("src", store.Options.Source);
        cmd.Parameters.AddWithValue("a", Authorities.Validate(authority));
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task Quietly(Task t)
    {
        try { await t; } catch (OperationCanceledException) { }
    }
}
