using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>The GET path every child-level read shares, written once.</summary>
public static class ChildReads
{
    /// <summary>
    /// The child's stream <paramref name="streamId"/> in the token's authority, with its version set as ETag: the
    /// child id checked, the read audited as <paramref name="what"/>, and a child the authority holds no stream for
    /// a 404, audited as <c>{what}:not-found</c> (docs/security.md). Never empty.
    /// </summary>
    public static async Task<IReadOnlyList<StoredEvent>> StreamAsync(HttpContext http, DocumentStore store, ChildReadAudit audit,
        string childId, string streamId, string what)
    {
        ChildIds.Validate(childId);
        var stored = await store.LightweightSession(http.User.Authority()).Events.FetchStreamAsync(streamId, http.RequestAborted);
        if (stored.Count == 0)
        {
            await audit.RecordAsync(http, childId, what + ChildReadAudit.NotFound, http.RequestAborted);
            throw new RecordNotFound("child", childId);
        }
        await audit.RecordAsync(http, childId, what, http.RequestAborted);
        http.Response.SetVersion(stored[^1].Version);
        return stored;
    }
}
