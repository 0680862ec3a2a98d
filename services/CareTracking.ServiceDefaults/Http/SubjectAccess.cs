using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// Subject access and retention (issue 10, item 7), scope <c>subject-access</c> (the authority's data protection
/// officer), within the token's authority. Every service shares one event store, so each serves both routes and
/// answers for all services:
/// GET /api/subject-access/children/{childId}: the child's events from every service's streams (Placements, Missing
/// episodes with each episode reported for the child, Reviews, Health, Leaving care) in the order stored, and the
/// read audit of the child; the export itself is audited as <c>subject-access-export</c> under the person who asked.
/// GET /api/subject-access/retention?asAt=: a dry run of the retention rule (docs/security.md, "Retention"): the
/// children whose 75th birthday (from Placements' date of birth) is on or before asAt, with what would be erased.
/// Nothing is erased; each child listed is audited as <c>retention-dry-run</c>.
/// </summary>
public static class SubjectAccess
{
    /// <summary>Looked-after children's case records are kept until the 75th birthday (or 15 years after death
    /// before 18): the longest period the statutory guidance gives; we apply the birthday rule.</summary>
    public const int RetentionYears = 75;

    /// <summary>The stream-id prefix of each service's per-child stream (Placements' stream is the child id).</summary>
    private static readonly (string Service, string Prefix)[] ChildStreams =
        [("placements", ""), ("missing-episodes", "missing:"), ("reviews", "reviews:"), ("health", "health:"), ("leaving-care", "leavingcare:")];

    public static void MapSubjectAccess(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/subject-access/children/{childId}", async (string childId, string? format, HttpContext http, DocumentStore store, ChildReadAudit audit,
            Privacy.ChildDataKeys keys, TimeProvider clock) =>
        {
            // A malformed id names no child: refused (422 naming childId) before anything is audited or read.
            ChildIds.Validate(childId);
            // The format is checked before anything is read or audited: a bad one answers 400 and records nothing.
            var html = format switch
            {
                null or "json" => false,
                "html" => true,
                _ => throw new RuleViolation("format", "format.known", "format must be json or html."),
            };
            var authority = http.User.Authority();
            // Audited before it is answered: an export whose audit row cannot be written is not given.
            await audit.RecordAsync(http, childId, "subject-access-export", http.RequestAborted);
            var (events, reads, disclosures) = await store.ForAuthorityAsync(authority, async (conn, tx, ct) =>
                (await EventsAsync(store, conn, tx, authority, childId, ct), await ReadsAsync(store, conn, tx, authority, childId, ct),
                 await PoliceDisclosuresAsync(store, conn, tx, authority, childId, ct)), http.RequestAborted);
            // Personal text is stored sealed: the child gets it opened (or "[erased]" once the key is destroyed).
            events = await OpenAsync(keys, store, authority, events, http.RequestAborted);
            // The relay runs with the default options (BackgroundRunners), so that is how long sent alerts are kept.
            var keptDays = (int)new OutboxRelayOptions().KeepDispatched.TotalDays;
            var export = new SubjectAccessExport(authority, childId, clock.GetUtcNow(), ChildReadAudit.EndUser(http.User), http.User.Client(),
                events, reads, disclosures, keptDays);
            return html ? Results.Content(SubjectAccessPage.Render(export), "text/html; charset=utf-8") : Results.Ok(export);
        }).RequireAuthorization(Scopes.SubjectAccess).WithTags("Subject access");

        app.MapGet("/api/subject-access/retention", async (string? asAt, HttpContext http, DocumentStore store, ChildReadAudit audit, TimeProvider clock) =>
        {
            var authority = http.User.Authority();
            var day = Query.Date("asAt", asAt) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var due = await RetentionDueAsync(store, authority, day, http.RequestAborted);
            await audit.RecordManyAsync(http, due.Select(d => d.ChildId).ToArray(), "retention-dry-run", http.RequestAborted);
            return Results.Ok(new RetentionReport(authority, day, RetentionRule, DryRun: true, due));
        }).RequireAuthorization(Scopes.SubjectAccess).WithTags("Subject access");
    }

    private static async Task<IReadOnlyList<SubjectAccessEvent>> OpenAsync(Privacy.ChildDataKeys keys, DocumentStore store, string authority,
        IReadOnlyList<SubjectAccessEvent> events, CancellationToken ct)
    {
        if (!events.Any(e => e.Data.GetRawText().Contains(Privacy.SealedText.Prefix, StringComparison.Ordinal))) return events;
        var nodes = events.Select(e => System.Text.Json.Nodes.JsonNode.Parse(e.Data.GetRawText())).ToList();
        await Privacy.Sealing.OpenJsonAsync(keys, store, authority, nodes, ct);
        return events.Select((e, i) => e with { Data = System.Text.Json.JsonSerializer.SerializeToElement(nodes[i]) }).ToList();
    }

    private static string ServiceOf(string streamId) =>
        streamId.StartsWith("episode:", StringComparison.Ordinal) ? "missing-episodes"
        : ChildStreams.Where(s => s.Prefix.Length > 0).FirstOrDefault(s => streamId.StartsWith(s.Prefix, StringComparison.Ordinal)).Service ?? "placements";

    private static async Task<IReadOnlyList<SubjectAccessEvent>> EventsAsync(DocumentStore store, NpgsqlConnection conn, NpgsqlTransaction tx,
        string authority, string childId, CancellationToken ct)
    {
        // Episode streams are named by episode; the report that opened one names the child.
        await using var cmd = new NpgsqlCommand(
            $"""
            with episodes as (
                select distinct stream_id from {store.Schema}.mt_events
                where tenant_id = @a and stream_id like 'episode:%' and data->>'childId' = @c)
            select stream_id, version, type, timestamp, data::text from {store.Schema}.mt_events
            where tenant_id = @a and (stream_id = any(@streams) or stream_id in (select stream_id from episodes))
            order by seq_id
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.AddWithValue("c", childId);
        cmd.Parameters.AddWithValue("streams", ChildStreams.Select(s => s.Prefix + childId).ToArray());
        var events = new List<SubjectAccessEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            using var data = System.Text.Json.JsonDocument.Parse(r.GetString(4));
            events.Add(new SubjectAccessEvent(ServiceOf(r.GetString(0)), r.GetString(0), r.GetInt64(1), r.GetString(2),
                r.GetFieldValue<DateTimeOffset>(3), data.RootElement.Clone()));
        }
        return events;
    }

    /// <summary>The police alerts queued about the child, from the lasting disclosure log (written with each alert,
    /// Schema/005_privacy.sql), with the outbox row's sending and parking while the outbox still keeps it; alerts
    /// queued before the log existed are found through their outbox rows (the alert names the episode, never the
    /// child) for as long as those are kept.</summary>
    private static async Task<IReadOnlyList<PoliceDisclosure>> PoliceDisclosuresAsync(DocumentStore store, NpgsqlConnection conn, NpgsqlTransaction tx,
        string authority, string childId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            with logged as (
                select d.alert_id, d.kind, d.force, d.risk_level, d.episode_id, d.queued_at, coalesce(d.sent_at, o.dispatched_at) as sent_at, o.parked_at
                from {store.Schema}.ct_police_disclosures d
                left join {store.Schema}.ct_outbox o on o.authority = d.authority and o.message_id = d.alert_id
                where d.authority = @a and d.child_id = @c),
            episodes as (
                select distinct substr(stream_id, 9) as episode_id from {store.Schema}.mt_events
                where tenant_id = @a and stream_id like 'episode:%' and data->>'childId' = @c),
            unlogged as (
                select (o.body->>'alertId')::uuid, o.body->>'kind', coalesce(o.routing_key, ''), o.body->>'riskLevel', (o.body->>'episodeId')::uuid,
                       o.created_at, o.dispatched_at, o.parked_at
                from {store.Schema}.ct_outbox o
                where o.authority = @a and o.message_type = @type and o.body->>'episodeId' in (select episode_id from episodes)
                  and o.message_id not in (select alert_id from logged))
            select * from logged union all select * from unlogged
            order by 6, 1
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.AddWithValue("c", childId);
        cmd.Parameters.AddWithValue("type", PoliceAlertMessageType);
        var disclosures = new List<PoliceDisclosure>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            disclosures.Add(new PoliceDisclosure(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetGuid(4),
                r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
                r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7)));
        return disclosures;
    }

    /// <summary>The AMQP type Missing episodes gives a police alert (PoliceAlerts.MessageType; this library cannot see that
    /// service).</summary>
    private const string PoliceAlertMessageType = "police.missing-alert.v1";

    private static async Task<IReadOnlyList<ChildReadAuditEntry>> ReadsAsync(DocumentStore store, NpgsqlConnection conn, NpgsqlTransaction tx,
        string authority, string childId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            select read_at, client, end_user, child_id, what, trace_id from {store.Schema}.ct_child_read_audit
            where authority = @a and child_id = @c order by read_at, id
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.AddWithValue("c", childId);
        var reads = new List<ChildReadAuditEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            reads.Add(new ChildReadAuditEntry(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
        return reads;
    }

    public const string RetentionRule = "75th birthday (date of birth recorded by Placements)";

    /// <summary>The authority's children whose record is past retention on <paramref name="asAt"/>.</summary>
    internal static Task<IReadOnlyList<RetentionDue>> RetentionDueAsync(DocumentStore store, string authority, DateOnly asAt, CancellationToken ct) =>
        store.ForAuthorityAsync(authority, (conn, tx, token) => RetentionDueAsync(store, conn, tx, authority, asAt, token), ct);

    private static async Task<IReadOnlyList<RetentionDue>> RetentionDueAsync(DocumentStore store, NpgsqlConnection conn, NpgsqlTransaction tx,
        string authority, DateOnly asAt, CancellationToken ct)
    {
        // The latest date of birth Placements recorded for each child (a correction replaces an earlier one);
        // then every service's events of the child, counted as the export would find them.
        await using var cmd = new NpgsqlCommand(
            $"""
            with born as (
                select stream_id as child_id,
                       (array_agg((data->'child'->>'dateOfBirth')::date order by seq_id desc))[1] as dob
                from {store.Schema}.mt_events
                where tenant_id = @a and stream_id not like '%:%' and data->'child'->>'dateOfBirth' is not null
                group by stream_id),
            due as (select child_id, (dob + make_interval(years => {RetentionYears}))::date as keep_until from born
                    where (dob + make_interval(years => {RetentionYears}))::date <= @asAt)
            select d.child_id, d.keep_until, count(e.seq_id), array_agg(distinct e.stream_id)
            from due d join {store.Schema}.mt_events e on e.tenant_id = @a and (
                e.stream_id = d.child_id or e.stream_id in ('missing:' || d.child_id, 'reviews:' || d.child_id, 'health:' || d.child_id, 'leavingcare:' || d.child_id)
                or e.stream_id in (select stream_id from {store.Schema}.mt_events
                                   where tenant_id = @a and stream_id like 'episode:%' and data->>'childId' = d.child_id))
            group by d.child_id, d.keep_until
            order by d.keep_until, d.child_id
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.AddWithValue("asAt", asAt);
        var due = new List<RetentionDue>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            due.Add(new RetentionDue(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetInt64(2),
                r.GetFieldValue<string[]>(3).Select(ServiceOf).Distinct().Order().ToArray()));
        return due;
    }
}
