using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>The other streams a command's decision needs or may touch, as <see cref="StreamCommands"/> read them before
/// it decided (<see cref="StreamCommand{TState, TEvent}.ReadFirst"/>, <see cref="StreamCommand{TState, TEvent}.AlsoRead"/>):
/// each read once, in the same attempt as the command's own stream, so the decision appends to them at the version
/// it saw.</summary>
public sealed class ReadStreams(IReadOnlyDictionary<string, IReadOnlyList<StoredEvent>> streams)
{
    public static readonly ReadStreams None = new(new Dictionary<string, IReadOnlyList<StoredEvent>>());

    /// <summary>The stream as read (empty when it holds no events); a stream not asked for is a mistake in the command.</summary>
    public IReadOnlyList<StoredEvent> this[string streamId] =>
        streams.TryGetValue(streamId, out var stored)
            ? stored
            : throw new InvalidOperationException($"The command did not read stream {streamId} before deciding.");
}
