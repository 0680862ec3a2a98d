using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CareTracking.EventStore;

/// <summary>
/// A read model with one row per authority and child holding the child's folded state and the stream version it
/// reflects, for lists that span every child of an authority and so read these rows rather than every stream.
/// Events at or below a row's version are skipped, so replaying a batch (or a rebuild racing a late checkpoint)
/// never applies an event twice. A service names the table and gives its stream's fold.
/// </summary>
public abstract class FoldedChildrenProjection<TState, TEvent>(DocumentStore store) : IProjection
    where TState : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Name { get; }
    protected abstract string TableName { get; }
    protected abstract TState Initial { get; }
    protected abstract TState Evolve(TState state, TEvent @event);
    protected abstract string ChildIdOf(string streamId);

    /// <summary>Mends a state read back from its row (e.g. fills what older rows did not store).</summary>
    protected virtual TState Restored(TState state) => state;

    private string Table => $"{store.Schema}.{TableName}";

    public string[]? EventTypes { get; } = typeof(TEvent).Assembly.GetTypes()
        .Select(t => t.GetCustomAttributes(typeof(EventTypeAttribute), false).OfType<EventTypeAttribute>().FirstOrDefault()?.StoredName)
        .OfType<string>().ToArray();

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await store.ApplyReadModelSchemaAsync(
            $"""
            create table if not exists {Table} (
                authority text not null, child_id text not null, version bigint not null, state jsonb not null,
                updated_at timestamptz not null default now(),
                primary key (authority, child_id));
            {AuthorityScope.PolicySql(store.Schema, TableName)}
            {AuthorityScope.BackgroundOnlySql(store.Schema, TableName)}
            """, ct);
    }

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> batch, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var streams = batch.GroupBy(e => (e.Authority, ChildId: ChildIdOf(e.StreamId))).ToList();
        var known = await ReadAsync(conn, tx, streams.Select(g => g.Key).ToList(), ct);

        var rows = new List<(string Authority, string ChildId, long Version, string State)>(streams.Count);
        foreach (var stream in streams)
        {
            var (child, version) = known.TryGetValue(stream.Key, out var row) ? row : (Initial, 0L);
            foreach (var e in stream.Where(e => e.Version > version).OrderBy(e => e.Version))
            {
                child = Evolve(child, (TEvent)e.Data);
                version = e.Version;
            }
            rows.Add((stream.Key.Authority, stream.Key.ChildId, version, JsonSerializer.Serialize(child, Json)));
        }

        await using var cmd = new NpgsqlCommand(
            $"""
            insert into {Table} (authority, child_id, version, state)
            select * from unnest(@a, @c, @v, @s)
            on conflict (authority, child_id) do update set version = excluded.version, state = excluded.state, updated_at = now()
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", rows.Select(r => r.Authority).ToArray());
        cmd.Parameters.AddWithValue("c", rows.Select(r => r.ChildId).ToArray());
        cmd.Parameters.AddWithValue("v", rows.Select(r => r.Version).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = rows.Select(r => r.State).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"truncate {Table}", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every child of one authority, by child id, as the projection has caught up so far. Read in a
    /// transaction scoped to the authority, so row-level security keeps other authorities out too.</summary>
    public Task<IReadOnlyDictionary<string, TState>> ChildrenOfAsync(string authority, CancellationToken ct) =>
        store.ForAuthorityAsync<IReadOnlyDictionary<string, TState>>(authority, async (conn, tx, token) =>
        {
            await using var cmd = new NpgsqlCommand($"select child_id, state::text from {Table} where authority = @a", conn, tx);
            cmd.Parameters.AddWithValue("a", Authorities.Validate(authority));
            var children = new Dictionary<string, TState>(StringComparer.Ordinal);
            await using var reader = await cmd.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
                children[reader.GetString(0)] = Deserialize(reader.GetString(1));
            return children;
        }, ct);

    private async Task<Dictionary<(string Authority, string ChildId), (TState Child, long Version)>> ReadAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<(string Authority, string ChildId)> keys, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            select t.authority, t.child_id, t.version, t.state::text from {Table} t
            join unnest(@a, @c) as k(authority, child_id) using (authority, child_id)
            """, conn, tx);
        cmd.Parameters.AddWithValue("a", keys.Select(k => k.Authority).ToArray());
        cmd.Parameters.AddWithValue("c", keys.Select(k => k.ChildId).ToArray());
        var rows = new Dictionary<(string, string), (TState, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows[(reader.GetString(0), reader.GetString(1))] = (Deserialize(reader.GetString(3)), reader.GetInt64(2));
        return rows;
    }

    private TState Deserialize(string json) =>
        Restored(JsonSerializer.Deserialize<TState>(json, Json) ?? throw new InvalidOperationException("A stored child state was empty."));
}
