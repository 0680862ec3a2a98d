using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>What an erasure did: the child whose data key is destroyed, and when it was (earlier, if it already was).</summary>
public sealed record ErasureAnswer(string ChildId, DateTimeOffset ErasedAt, bool AlreadyErased);

/// <summary>The retention rule carried out today: each child past retention, erased, then its record deleted
/// (<paramref name="EventsDeleted"/> events in all).</summary>
public sealed record RetentionErasure(string Authority, DateOnly AsAt, string Rule, IReadOnlyList<RetentionDue> Erased, long EventsDeleted);

/// <summary>
/// Erasure by crypto-shredding (issue 10, item 7; docs/security.md, "Erasure"), scope <c>subject-access:erase</c>
/// (the authority's data protection officer), within the token's authority. Events are immutable and copied into
/// backups and the feed: erasing destroys the child's data key instead, so the child's personal text, sealed with it
/// (<see cref="Sealing"/>), reads as <c>[erased]</c> everywhere from then on, and text written for the child later is
/// stored erased. The rest of the record (dates, codes) stays, so folds, work lists and figures are unchanged.
/// POST /api/subject-access/children/{childId}/erasure: one child, on request (e.g. a right-to-erasure decision).
/// POST /api/subject-access/retention/erasure: every child past the retention rule today (never a date given by the
/// caller, which could reach any child): erased, then the whole record deleted (<c>ct_delete_past_retention</c>,
/// Schema/005_privacy.sql), dates of birth, ids and codes too, as the rule says the record is kept until then and no
/// longer. Each erasure is audited before it is done.
/// </summary>
public static class Erasure
{
    public static void MapErasure(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/subject-access/children/{childId}/erasure", async (string childId, HttpContext http, DocumentStore store, ChildReadAudit audit,
            ChildDataKeys keys) =>
        {
            ChildIds.Validate(childId);
            var authority = http.User.Authority();
            // Audited first: no erasure without its row.
            await audit.RecordAsync(http, childId, "erasure", http.RequestAborted);
            var requested = DateTimeOffset.UtcNow;
            var erasedAt = await keys.EraseAsync(store, authority, childId, ChildReadAudit.EndUser(http.User) ?? http.User.Client(), http.RequestAborted);
            return Results.Ok(new ErasureAnswer(childId, erasedAt, AlreadyErased: erasedAt < requested.AddSeconds(-5)));
        }).RequireAuthorization(Scopes.SubjectAccessErase).WithTags("Subject access");

        app.MapPost("/api/subject-access/retention/erasure", async (HttpContext http, DocumentStore store, ChildReadAudit audit, ChildDataKeys keys,
            TimeProvider clock) =>
        {
            var authority = http.User.Authority();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var due = await SubjectAccess.RetentionDueAsync(store, authority, today, http.RequestAborted);
            await audit.RecordManyAsync(http, due.Select(d => d.ChildId).ToArray(), "retention-erasure", http.RequestAborted);
            var by = ChildReadAudit.EndUser(http.User) ?? http.User.Client();
            var deleted = 0L;
            foreach (var child in due)
            {
                // The key first: a deletion cut short (a restart, a lost connection) still leaves the text unreadable,
                // and the next run finds the child again and deletes what is left.
                await keys.EraseAsync(store, authority, child.ChildId, by, http.RequestAborted);
                deleted += await DeleteRecordAsync(store, authority, child.ChildId, http.RequestAborted);
            }
            return Results.Ok(new RetentionErasure(authority, today, SubjectAccess.RetentionRule, due, deleted));
        }).RequireAuthorization(Scopes.SubjectAccessErase).WithTags("Subject access");
    }

    /// <summary>Deletes the record of a child past retention whose key is erased, in every service's streams and read
    /// models (the function checks both itself: the request role cannot delete events or streams otherwise).</summary>
    private static Task<long> DeleteRecordAsync(DocumentStore store, string authority, string childId, CancellationToken ct) =>
        store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            await using var cmd = new Npgsql.NpgsqlCommand($"select {store.Schema}.ct_delete_past_retention(@c, @years)", conn, tx);
            cmd.Parameters.AddWithValue("c", childId);
            cmd.Parameters.AddWithValue("years", SubjectAccess.RetentionYears);
            return (long)(await cmd.ExecuteScalarAsync(token))!;
        }, ct);
}
