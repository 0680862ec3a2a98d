using Npgsql;

namespace CareTracking.EventStore;

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
