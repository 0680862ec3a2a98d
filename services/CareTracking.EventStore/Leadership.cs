using Npgsql;

namespace CareTracking.EventStore;

/// <summary>
/// The connection a leader (the outbox relay, a projection runner) holds its session advisory lock on, and does
/// its work through. It is unpooled, so closing it ends the server session and frees the lock at once: a pooled
/// connection went back to the pool still holding the lock after a clean stop, and no standby could lead until
/// the pool was disposed. Keepalives both ways bound how long a dead peer keeps it: the client sends a query
/// every 30 s, and the server probes the socket after 30 s of silence, so the lock of a host that vanished
/// without closing its socket is freed in about a minute rather than the kernel's two hours.
/// </summary>
public static class Leadership
{
    public const int KeepAliveSeconds = 30;
    public static readonly TimeSpan IdleInTransaction = TimeSpan.FromMinutes(1);

    /// <exception cref="WorkerConnectionRefusedException">Asked for by work not granted background connections.</exception>
    public static async Task<NpgsqlConnection> OpenAsync(DocumentStore store, string role, CancellationToken ct)
    {
        WorkerConnections.Check();
        // Background work: the worker role, the only one allowed the system scope (docs/security.md).
        var b = new NpgsqlConnectionStringBuilder(store.Options.WorkerConnectionString ?? store.Options.ConnectionString)
        {
            Pooling = false,
            KeepAlive = KeepAliveSeconds,
            TcpKeepAlive = true,
            ApplicationName = $"ct-leader:{role}",
        };
        if (b.MaxAutoPrepare == 0) b.MaxAutoPrepare = 32;
        // A leader's transaction left open (a hung batch) holds back the feed's fence for every projection on the
        // server and keeps its lock: the server ends such a session after a minute, and a standby takes over.
        b.Options = $"{b.Options} -c {AuthorityScope.Setting}={AuthorityScope.System} -c tcp_keepalives_idle={KeepAliveSeconds} -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3 -c idle_in_transaction_session_timeout={IdleInTransaction.TotalMilliseconds:0}".Trim();
        var conn = new NpgsqlConnection(b.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    public static async Task<bool> TryLockAsync(NpgsqlConnection conn, string key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock(hashtext(@k))", conn);
        cmd.Parameters.AddWithValue("k", key);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Gives the lock back and closes the connection. Best effort: a broken connection has already
    /// lost its lock with its session.</summary>
    public static async Task ReleaseAsync(NpgsqlConnection conn, string key, bool locked)
    {
        try
        {
            if (locked && conn.FullState == System.Data.ConnectionState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await using var cmd = new NpgsqlCommand("select pg_advisory_unlock(hashtext(@k))", conn);
                cmd.Parameters.AddWithValue("k", key);
                await cmd.ExecuteScalarAsync(timeout.Token);
            }
        }
        catch (Exception) { /* the session ends with the connection below */ }
        finally
        {
            await conn.DisposeAsync();
        }
    }

    /// <summary>A delay that doubles per consecutive failure up to <paramref name="max"/>, spread ±50 % so
    /// instances that failed together do not retry together.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan first, TimeSpan max)
    {
        var exponential = Math.Min(max.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16)));
        return TimeSpan.FromMilliseconds(exponential * (0.5 + Random.Shared.NextDouble()));
    }
}
