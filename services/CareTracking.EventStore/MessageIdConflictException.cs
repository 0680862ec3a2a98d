namespace CareTracking.EventStore;

/// <summary>An outbox message id is already used by a different message (another authority, type or body).
/// Nothing was written: a derived id must never silently drop a message.</summary>
public sealed class MessageIdConflictException(string authority)
    : Exception($"An outbox message id staged for authority {authority} is already used by a different message; nothing was written.");
