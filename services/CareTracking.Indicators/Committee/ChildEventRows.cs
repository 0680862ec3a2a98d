using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.Indicators.Committee;

/// <summary>One projected event of one child, deserialized.</summary>
public sealed record ChildEventRow(string ChildId, long Sequence, Guid EventId, DateOnly? EffectiveDate, DateTimeOffset RecordedAt, object Data);

public sealed class ChildEventRows(DocumentStore store)
{
    /// <summary>Every projected event of the authority's children, optionally only those recorded by
    /// <paramref name="knownAt"/>, grouped per child in recording order.</summary>
    public async Task<IReadOnlyList<IGrouping<string, ChildEventRow>>> LoadAsync(string authority, DateTimeOffset? knownAt, CancellationToken ct)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            select child_id, seq_id, event_id, event_type, effective_date, recorded_at, data::text
            from {store.Schema}.ind_child_events
            where authority = @a and (@k::timestamptz is null or recorded_at <= @k)
            order by child_id, seq_id
            """, conn);
        cmd.Parameters.AddWithValue("a", authority);
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("k", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = knownAt });
        var rows = new List<ChildEventRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new ChildEventRow(r.GetString(0), r.GetInt64(1), r.GetGuid(2),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateTimeOffset>(5),
                store.Types.Deserialize(r.GetString(3), r.GetString(6))));
        return rows.GroupBy(x => x.ChildId).ToList();
    }
}
