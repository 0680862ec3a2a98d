namespace CareTracking.EventStore;

/// <summary>
/// Keeps everything but background work off the background role's connections (<see cref="DocumentStore.SystemDataSource"/>,
/// <see cref="Leadership.OpenAsync"/>), which see and write every authority's rows. A flow may open one only if it was
/// granted them, by name: the background services (outbox relay, projection runners, metrics sampler), the health
/// checks that count across authorities, the endpoints marked as needing them (docs/security.md, "Database roles").
/// Anything else, granted nothing, gets an exception: a request, and also work a request starts with its execution
/// context suppressed (<see cref="ExecutionContext.SuppressFlow"/>) or on a thread of its own, which inherit no grant.
/// An <see cref="AsyncLocal{T}"/>: a grant follows its flow into whatever it awaits or starts, and ends with it.
/// </summary>
public static class WorkerConnections
{
    private sealed record Mark(string Who, bool Granted);

    private static readonly AsyncLocal<Mark?> Current = new();

    /// <summary>Lets the rest of the current flow open background connections, naming <paramref name="who"/> does
    /// background work. Disposing the result restores what was before (an async method's end does so too).</summary>
    public static IDisposable Grant(string who) => Set(new Mark(who, true));

    /// <summary>Marks the rest of the current flow as request work of <paramref name="who"/>, named in the refusal, and
    /// drops any grant it inherited.</summary>
    public static IDisposable Refuse(string who) => Set(new Mark(who, false));

    /// <summary>Whether the current flow may open background connections.</summary>
    public static bool Allowed => Current.Value is { Granted: true };

    internal static void Check()
    {
        if (Current.Value is not { Granted: true })
            throw new WorkerConnectionRefusedException(Current.Value?.Who ?? "work granted nothing");
    }

    private static IDisposable Set(Mark mark)
    {
        var before = Current.Value;
        Current.Value = mark;
        return new Restore(before);
    }

    private sealed class Restore(Mark? before) : IDisposable
    {
        public void Dispose() => Current.Value = before;
    }
}

/// <summary>Work not granted background connections asked for one.</summary>
public sealed class WorkerConnectionRefusedException(string who) : InvalidOperationException(
    $"{who} asked for a background connection, which sees every authority: only work granted them (the background services, the health checks that count across authorities, the endpoints marked as needing them) may open one.");
