using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Privacy;
using Npgsql;

namespace CareTracking.Indicators.Committee;

/// <summary>
/// Reads an authority's projected events, keeping the last read of a few authorities in memory: a
/// committee query then reads one row (the authority's event count) unless something new was projected.
/// Known-at filtering happens after the read, so every instant shares the cached copy.
/// The projection copies events as stored, so postcodes and UPNs are sealed there (docs/security.md, "Erasure"): they
/// are opened here, with the authority's keys, in the request that reads them (the 903 return shows them, and 903
/// rule 383 compares placement postcodes). A child's erasure makes the next read reload, so it shows "[erased]".
/// </summary>
public sealed class ProjectedEvents(DocumentStore store, ChildDataKeys keys)
{
    /// <summary>Authorities kept in memory at once; one instance usually serves a handful.</summary>
    public const int CachedAuthorities = 16;

    /// <param name="Erased">How many of the authority's children were erased when it was read.</param>
    private sealed record Snapshot(long Count, long Erased, IReadOnlyList<ProjectedEvent> Events, DateTime LastUsed);
    private sealed record Row(long Sequence, Guid EventId, string? ChildId, Guid? EpisodeId, DateTimeOffset RecordedAt, string Type, string Data);
    private readonly ConcurrentDictionary<string, Snapshot> cache = new(StringComparer.Ordinal);

    /// <summary>Reads in a transaction scoped to the authority, so row-level security keeps other authorities
    /// out too; the count and the events come from one snapshot.</summary>
    public async Task<IReadOnlyList<ProjectedEvent>> LoadAsync(string authority, CancellationToken ct)
    {
        var (count, erased, rows) = await store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            var (projected, erasures) = await CountAsync(conn, tx, authority, token);
            IReadOnlyList<Row>? read = cache.TryGetValue(authority, out var cached) && cached.Count == projected && cached.Erased == erasures
                ? null
                : await ReadAsync(conn, tx, authority, token);
            return (projected, erasures, read);
        }, ct);
        if (rows is null && cache.TryGetValue(authority, out var hit))
        {
            cache[authority] = hit with { LastUsed = DateTime.UtcNow };
            return hit.Events;
        }
        rows ??= await store.ForAuthorityAsync(authority, (conn, tx, token) => ReadAsync(conn, tx, authority, token), ct);

        var events = await OpenAsync(authority, rows, ct);
        if (cache.Count >= CachedAuthorities && !cache.ContainsKey(authority))
            cache.TryRemove(cache.MinBy(c => c.Value.LastUsed).Key, out _);
        // The count is read before the events, so a batch projected in between only makes the next read reload.
        cache[authority] = new Snapshot(count, erased, events, DateTime.UtcNow);
        return events;
    }

    private async Task<(long Count, long Erased)> CountAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string authority, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            select coalesce((select events from {store.Schema}.ind_authorities where authority = @a), 0),
                   (select count(*) from {store.Schema}.ct_child_keys where authority = @a and erased_at is not null)
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1));
    }

    private async Task<IReadOnlyList<Row>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string authority, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            select seq_id, event_id, child_id, episode_id, recorded_at, event_type, data::text
            from {store.Schema}.ind_events where authority = @a order by seq_id
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        var rows = new List<Row>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Row(
                r.GetInt64(0),
                r.GetGuid(1),
                r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetGuid(3),
                r.GetFieldValue<DateTimeOffset>(4),
                r.GetString(5),
                r.GetString(6)));
        return rows;
    }

    /// <summary>The events read into the Indicators' records, their sealed text opened first (all of the authority's
    /// keys in one query).</summary>
    private async Task<IReadOnlyList<ProjectedEvent>> OpenAsync(string authority, IReadOnlyList<Row> rows, CancellationToken ct)
    {
        var sealedRows = rows.Select((row, i) => (i, row)).Where(x => x.row.Data.Contains(SealedText.Prefix, StringComparison.Ordinal))
            .ToDictionary(x => x.i, x => JsonNode.Parse(x.row.Data));
        if (sealedRows.Count > 0)
            await Sealing.OpenJsonAsync(keys, store, authority, [.. sealedRows.Values], ct);
        return [.. rows.Select((row, i) => new ProjectedEvent(row.Sequence, row.EventId, row.ChildId, row.EpisodeId, row.RecordedAt,
            store.Types.Deserialize(row.Type, sealedRows.TryGetValue(i, out var opened) ? opened!.ToJsonString() : row.Data)))];
    }
}
