using CareTracking.EventStore;

namespace CareTracking.ServiceDefaults.Messaging;

/// <summary>
/// Ids of messages that leave a service (outbox rows, police alerts, integration messages). A client's event id
/// is unique only within its authority's stream, and ct_outbox.message_id is unique across all authorities, so an
/// id derived from the event id alone let one authority's message take another's slot (issue 10, item 1). The
/// authority and the stream go into every derived id.
/// </summary>
public static class AuthorityMessageIds
{
    public static Guid For(string authority, string streamId, Guid sourceEventId, string purpose) =>
        MessageIds.Derive(sourceEventId, $"{authority}/{streamId}/{purpose}");
}
