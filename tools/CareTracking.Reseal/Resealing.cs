using System.Text.Json.Nodes;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Privacy;
using Npgsql;
using NpgsqlTypes;

namespace CareTracking.Reseal;

/// <summary>What the job did (or, dry, would do) for one authority and event type: counts only, never a value or a child.</summary>
internal sealed record ResealCount(string Authority, string EventType, long Events, long Values, long ProjectionRows, long Unmatched);

/// <summary>
/// The one-off re-sealing of personal text stored before sealing began (docs/security.md, "Erasure"). For each
/// authority, the events of the types with <see cref="PersonalTextAttribute"/> properties whose marked values are plain
/// are read in batches in stored order, each value sealed under the child's key as <see cref="Sealing.SealAsync"/>
/// would (<see cref="Sealing.SealOne"/>: the key made if the child has none, the erased marker if it is erased), and
/// <c>mt_events.data</c> rewritten in place with only those values changed; Indicators' copy (<c>ind_events.data</c>,
/// which the projection copies verbatim from <c>mt_events.data</c>) is set to the rewritten data in the same
/// transaction. Each batch commits, so a killed run loses at most one batch and a second run finds only what is left.
/// </summary>
internal sealed class Resealing(DocumentStore store, ChildDataKeys keys, IReadOnlyList<PersonalTextEvent> types, int batchSize)
{
    private string Events => $"{store.Schema}.mt_events";
    private string Copies => $"{store.Schema}.ind_events";

    /// <summary>The child a stream belongs to, in SQL over <c>mt_events e</c>, as the subject-access export and
    /// Indicators' projection find it: an episode's from the report that opened it (the only event naming the child),
    /// a prefixed stream's after its colon (reviews:, missing:, health:, leavingcare:), Placements' the stream id.</summary>
    private string ChildOfStream =>
        $"""
        case when e.stream_id like 'episode:%' then (select r.data->>'childId' from {Events} r
                                                     where r.tenant_id = e.tenant_id and r.stream_id = e.stream_id and r.data->>'childId' is not null
                                                     order by r.version limit 1)
             when strpos(e.stream_id, ':') > 0 then substr(e.stream_id, strpos(e.stream_id, ':') + 1)
             else e.stream_id end
        """;

    private string AnyPlain(string data, string type) =>
        string.Join(" or ", types.Select((t, i) => t.PlainSql(data, type, $"t{i}")));

    private void AddTypes(NpgsqlParameterCollection parameters)
    {
        for (var i = 0; i < types.Count; i++) parameters.AddWithValue($"t{i}", types[i].StoredName);
    }

    /// <summary>The authorities with events. The tables' owner sees an authority's rows only in a transaction scoped to
    /// it (forced row-level security), so each of the 1,000 three-digit codes (<see cref="Authorities"/>) is asked, in
    /// one round trip; a superuser sees them all either way.</summary>
    public async Task<IReadOnlyList<string>> AuthoritiesAsync(CancellationToken ct)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        var codes = Enumerable.Range(0, 1000).Select(n => n.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (var code in codes)
        {
            batch.BatchCommands.Add(AuthorityScope.Command(code));
            var exists = new NpgsqlBatchCommand($"select exists (select 1 from {Events} where tenant_id = $1)");
            exists.Parameters.AddWithValue(code);
            batch.BatchCommands.Add(exists);
        }
        var found = new List<string>();
        await using var r = await batch.ExecuteReaderAsync(ct);
        foreach (var code in codes)
        {
            await r.NextResultAsync(ct); // past set_config's row
            await r.ReadAsync(ct);
            if (r.GetBoolean(0)) found.Add(code);
            if (code != codes[^1]) await r.NextResultAsync(ct);
        }
        return found;
    }

    private async Task<bool> HasCopiesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select to_regclass(@t) is not null", conn, tx);
        cmd.Parameters.AddWithValue("t", Copies);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>What is left in plain for one authority, per event type: events, values, and Indicators' rows.</summary>
    public Task<IReadOnlyList<ResealCount>> CountAsync(string authority, CancellationToken ct) =>
        store.ForAuthorityAsync<IReadOnlyList<ResealCount>>(authority, async (conn, tx, token) =>
        {
            var counts = Empty(authority);
            var values = string.Join(" ", types.Select((t, i) => $"when @t{i} then {t.PlainCountSql("e.data")}"));
            await using (var cmd = new NpgsqlCommand(
                $"select e.type, count(*), sum(case e.type {values} else 0 end) from {Events} e where e.tenant_id = @a and ({AnyPlain("e.data", "e.type")}) group by e.type",
                conn, tx))
            {
                cmd.Parameters.AddWithValue("a", authority);
                AddTypes(cmd.Parameters);
                await using var r = await cmd.ExecuteReaderAsync(token);
                while (await r.ReadAsync(token))
                    counts[r.GetString(0)] = counts[r.GetString(0)] with { Events = r.GetInt64(1), Values = r.GetInt64(2) };
            }
            if (await HasCopiesAsync(conn, tx, token))
            {
                await using var cmd = new NpgsqlCommand(
                    $"select i.event_type, count(*) from {Copies} i where i.authority = @a and ({AnyPlain("i.data", "i.event_type")}) group by i.event_type",
                    conn, tx);
                cmd.Parameters.AddWithValue("a", authority);
                AddTypes(cmd.Parameters);
                await using var r = await cmd.ExecuteReaderAsync(token);
                while (await r.ReadAsync(token))
                    counts[r.GetString(0)] = counts[r.GetString(0)] with { ProjectionRows = r.GetInt64(1) };
            }
            return [.. counts.Values.Where(c => c.Events + c.ProjectionRows > 0)];
        }, ct);

    /// <summary>Re-seals one authority's plain personal text. <paramref name="progress"/> hears the events done so far.</summary>
    public async Task<IReadOnlyList<ResealCount>> RunAsync(string authority, IProgress<long> progress, CancellationToken ct)
    {
        var total = Empty(authority);
        var paths = types.ToDictionary(t => t.StoredName, t => t.Paths, StringComparer.Ordinal);
        // Each child's key once per run (made on first use, as a post would); null once erased.
        var childKeys = new Dictionary<string, (Guid KeyId, byte[] Key)?>(StringComparer.Ordinal);
        long after = 0, done = 0;
        while (true)
        {
            var (read, last, batchCounts) = await store.ForAuthorityAsync(authority, async (conn, tx, token) =>
            {
                // Counted per attempt and merged after the commit: a batch retried after a dropped connection counts once.
                var counts = Empty(authority);
                var rows = new List<(long Seq, string Type, string Data, string? Child)>();
                await using (var select = new NpgsqlCommand(
                    $"""
                    select e.seq_id, e.type, e.data::text, {ChildOfStream} from {Events} e
                    where e.tenant_id = @a and e.seq_id > @after and ({AnyPlain("e.data", "e.type")})
                    order by e.seq_id limit @n
                    for update of e
                    """, conn, tx))
                {
                    select.Parameters.AddWithValue("a", authority);
                    select.Parameters.AddWithValue("after", after);
                    select.Parameters.AddWithValue("n", batchSize);
                    AddTypes(select.Parameters);
                    await using var r = await select.ExecuteReaderAsync(token);
                    while (await r.ReadAsync(token))
                        rows.Add((r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
                }
                if (rows.Count == 0) return (0, after, counts);

                var sequences = new List<long>();
                var sealedData = new List<string>();
                foreach (var (seq, type, data, child) in rows)
                {
                    if (child is null)
                    {
                        // No child to seal for (an episode whose report is missing): left as it is, and counted.
                        counts[type] = counts[type] with { Unmatched = counts[type].Unmatched + 1 };
                        continue;
                    }
                    if (!childKeys.TryGetValue(child, out var key))
                        childKeys[child] = key = await keys.ForSealingAsync(store, authority, child, token);
                    var node = JsonNode.Parse(data)!;
                    var values = 0;
                    foreach (var path in paths[type])
                        if (At(node, path) is { } value && value.GetValueKind() == System.Text.Json.JsonValueKind.String
                            && value.GetValue<string>() is var text && !SealedText.IsSealed(text))
                        {
                            value.Parent!.AsObject()[path[^1]] = Sealing.SealOne(authority, key, text);
                            values++;
                        }
                    sequences.Add(seq);
                    sealedData.Add(node.ToJsonString());
                    counts[type] = counts[type] with { Events = counts[type].Events + 1, Values = counts[type].Values + values };
                }
                if (sequences.Count > 0)
                {
                    await using (var update = new NpgsqlCommand(
                        $"update {Events} e set data = u.data from unnest(@s, @d) as u(seq_id, data) where e.tenant_id = @a and e.seq_id = u.seq_id",
                        conn, tx))
                    {
                        update.Parameters.AddWithValue("a", authority);
                        update.Parameters.AddWithValue("s", sequences.ToArray());
                        update.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = sealedData.ToArray() });
                        await update.ExecuteNonQueryAsync(token);
                    }
                    if (await HasCopiesAsync(conn, tx, token))
                        await CopyAsync(conn, tx, authority, "i.seq_id = any(@s)", p => p.AddWithValue("s", sequences.ToArray()), counts, token);
                }
                return (rows.Count, rows[^1].Seq, counts);
            }, ct);
            Merge(total, batchCounts);
            if (read == 0) break;
            after = last;
            progress.Report(done += read);
        }
        // Indicators' rows still plain whose event is sealed now: a batch the projection copied while this run was
        // rewriting the same events (its transaction read them before this one committed).
        Merge(total, await store.ForAuthorityAsync(authority, async (conn, tx, token) =>
        {
            var counts = Empty(authority);
            if (await HasCopiesAsync(conn, tx, token))
                await CopyAsync(conn, tx, authority, $"({AnyPlain("i.data", "i.event_type")})", AddTypes, counts, token);
            return counts;
        }, ct));
        return [.. total.Values.Where(c => c.Events + c.ProjectionRows + c.Unmatched > 0)];
    }

    private Dictionary<string, ResealCount> Empty(string authority) =>
        types.ToDictionary(t => t.StoredName, t => new ResealCount(authority, t.StoredName, 0, 0, 0, 0), StringComparer.Ordinal);

    private static void Merge(Dictionary<string, ResealCount> total, Dictionary<string, ResealCount> batch)
    {
        foreach (var (type, c) in batch)
            total[type] = total[type] with
            {
                Events = total[type].Events + c.Events,
                Values = total[type].Values + c.Values,
                ProjectionRows = total[type].ProjectionRows + c.ProjectionRows,
                Unmatched = total[type].Unmatched + c.Unmatched,
            };
    }

    /// <summary>Sets Indicators' copy of the chosen events to the event as stored now, as its projection would copy it,
    /// where they differ; counts the rows changed per type.</summary>
    private async Task CopyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string authority, string which,
        Action<NpgsqlParameterCollection> bind, Dictionary<string, ResealCount> counts, CancellationToken ct)
    {
        await using var copy = new NpgsqlCommand(
            $"""
            update {Copies} i set data = e.data from {Events} e
            where i.authority = @a and e.tenant_id = @a and e.seq_id = i.seq_id and {which} and i.data is distinct from e.data
            returning i.event_type
            """, conn, tx);
        copy.Parameters.AddWithValue("a", authority);
        bind(copy.Parameters);
        await using var r = await copy.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            if (counts.TryGetValue(r.GetString(0), out var c)) counts[c.EventType] = c with { ProjectionRows = c.ProjectionRows + 1 };
    }

    private static JsonValue? At(JsonNode node, string[] path)
    {
        JsonNode? at = node;
        foreach (var name in path) at = at is JsonObject o && o.TryGetPropertyValue(name, out var next) ? next : null;
        return at as JsonValue;
    }
}
