using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>The GET path every child-level read shares, written once: read the stream in the token's authority, a
/// 404 when it holds nothing to show, the read audited for its child (docs/security.md), the version as ETag.</summary>
public static class ChildReads
{
    /// <summary>
    /// The child's stream <paramref name="streamId"/> in the token's authority, with its version set as ETag: the
    /// child id checked, the read audited as <paramref name="what"/>, and a child the authority holds no stream for
    /// a 404, audited as <c>{what}:not-found</c> (docs/security.md). Never empty.
    /// </summary>
    public static Task<IReadOnlyList<StoredEvent>> StreamAsync(HttpContext http, DocumentStore store, ChildReadAudit audit,
        string childId, string streamId, string what) =>
        ReadAsync(http, store, audit, childId, streamId, what, stored => stored.Count == 0 ? null : stored);

    /// <summary>
    /// <see cref="StreamAsync"/> for a stream that can hold events and still nothing to show: <paramref name="view"/>
    /// gives what the read shows, or null for a 404 (about a <paramref name="record"/>), audited as
    /// <c>{what}:not-found</c>.
    /// </summary>
    public static async Task<T> ReadAsync<T>(HttpContext http, DocumentStore store, ChildReadAudit audit, string childId, string streamId,
        string what, Func<IReadOnlyList<StoredEvent>, T?> view, string record = "child")
        where T : class
    {
        ChildIds.Validate(childId);
        var stored = await store.LightweightSession(http.User.Authority()).Events.FetchStreamAsync(streamId, http.RequestAborted);
        if (view(stored) is not { } shown)
        {
            await audit.RecordAsync(http, childId, what + ChildReadAudit.NotFound, http.RequestAborted);
            throw new RecordNotFound(record, childId);
        }
        await audit.RecordAsync(http, childId, what, http.RequestAborted);
        http.Response.SetVersion(Versions.Of(stored));
        return shown;
    }

    /// <summary>
    /// A record read by its own id that names its child (a missing episode): <paramref name="view"/> gives the record,
    /// or null for a 404 (<paramref name="notFound"/>), which is not audited (no child is named by a record not
    /// held); the read of one found is audited for <paramref name="childOf"/> it as <paramref name="what"/>.
    /// </summary>
    public static async Task<T> RecordAsync<T>(HttpContext http, DocumentStore store, ChildReadAudit audit, string streamId, string what,
        Func<IReadOnlyList<StoredEvent>, T?> view, Func<T, string> childOf, RecordNotFound notFound)
        where T : class
    {
        var stored = await store.LightweightSession(http.User.Authority()).Events.FetchStreamAsync(streamId, http.RequestAborted);
        var shown = view(stored) ?? throw notFound;
        await audit.RecordAsync(http, childOf(shown), what, http.RequestAborted);
        http.Response.SetVersion(Versions.Of(stored));
        return shown;
    }
}
