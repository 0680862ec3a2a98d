using System.Collections.Concurrent;
using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.Indicators.Committee;

/// <summary>
/// Reads an authority's projected events, keeping the last read of a few authorities in memory: a
/// committee query then reads one row (the authority's event count) unless something new was projected.
/// Known-at filtering happens after the read, so every instant shares the cached copy.
/// </summary>
public sealed class ProjectedEvents(DocumentStore store)
{
    /// <summary>Authorities kept in memory at once; one instance usually serves a handful.</summary>
    public const int CachedAuthorities = 16;

    private sealed record Snapshot(long Count, IReadOnlyList<ProjectedEvent> Events, DateTime LastUsed);
    private readonly ConcurrentDictionary<string, Snapshot> cache = new(StringComparer.Ordinal);

    /// <summary>Reads in a transaction scoped to the authority, so row-level security keeps other authorities
    /// out too; the count and the events come from one snapshot.</summary>
    public Task<IReadOnlyList<ProjectedEvent>> LoadAsync(string authority, CancellationToken ct) =>
        store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            var count = await CountAsync(conn, tx, authority, token);
            if (cache.TryGetValue(authority, out var cached) && cached.Count == count)
            {
                cache[authority] = cached with { LastUsed = DateTime.UtcNow };
                return cached.Events;
            }

            var events = await ReadAsync(conn, tx, authority, token);
            if (cache.Count >= CachedAuthorities && !cache.ContainsKey(authority))
                cache.TryRemove(cache.MinBy(c => c.Value.LastUsed).Key, out _);
            // The count is read before the events, so a batch projected in between only makes the next read reload.
            cache[authority] = new Snapshot(count, events, DateTime.UtcNow);
            return events;
        }, ct);

    private async Task<long> CountAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string authority, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select coalesce((select events from {store.Schema}.ind_authorities where authority = @a), 0)", conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<IReadOnlyList<ProjectedEvent>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string authority, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            select seq_id, event_id, child_id, episode_id, recorded_at, event_type, data::text
            from {store.Schema}.ind_events where authority = @a order by seq_id
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", authority);
        var events = new List<ProjectedEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            events.Add(new ProjectedEvent(
                r.GetInt64(0),
                r.GetGuid(1),
                r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetGuid(3),
                r.GetFieldValue<DateTimeOffset>(4),
                store.Types.Deserialize(r.GetString(5), r.GetString(6))));
        return events;
    }
}
