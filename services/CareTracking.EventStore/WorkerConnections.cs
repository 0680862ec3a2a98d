namespace CareTracking.EventStore;

/// <summary>
/// Keeps request work off the background role's connections (<see cref="DocumentStore.SystemDataSource"/>), which see
/// and write every authority's rows: a flow marked as request work that asks for them gets an exception, not a
/// connection. The services mark every HTTP request but those whose endpoint says it needs them (docs/security.md,
/// "Database roles"). An <see cref="AsyncLocal{T}"/>: it follows the request into whatever it awaits or starts, and
/// ends with it; background services, started with the host, are never marked.
/// </summary>
public static class WorkerConnections
{
    private static readonly AsyncLocal<string?> RefusedTo = new();

    /// <summary>Marks the rest of the current flow as request work of <paramref name="who"/> (named in the refusal).
    /// Call it in an async method, so the mark ends when that method returns.</summary>
    public static void RefuseFor(string who) => RefusedTo.Value = who;

    /// <summary>Whether the current flow may open background connections.</summary>
    public static bool Allowed => RefusedTo.Value is null;

    internal static void Check()
    {
        if (RefusedTo.Value is { } who)
            throw new WorkerConnectionRefusedException(who);
    }
}

/// <summary>Request work asked for a connection of the background role.</summary>
public sealed class WorkerConnectionRefusedException(string who) : InvalidOperationException(
    $"Request work ({who}) asked for a background connection, which sees every authority: only background work and the endpoints marked as needing it may open one.");
