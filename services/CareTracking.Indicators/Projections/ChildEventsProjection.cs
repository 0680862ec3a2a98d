using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.Indicators.Projections;

/// <summary>
/// Keeps, per authority, every event the indicators are computed from (Placements, missing episodes,
/// reviews, health, leaving care), with the child it concerns, its effective date and the instant it was recorded. A committee
/// query folds them per child "as at D" (events effective by D) and "as known at K" (events recorded by K),
/// so a report printed in July can be reproduced exactly later. Missing-episode events after the report
/// carry only the episode id, so every missing event keeps it and the query joins them to the child.
/// The copy is made by PostgreSQL from the event table itself (one statement per batch), so incremental
/// batches and a rebuild run the same SQL and a rebuild never round-trips the events through the service.
/// </summary>
public sealed class ChildEventsProjection(DocumentStore store) : IProjection
{
    public string Name => "indicators-child-events";
    private string Events => $"{store.Schema}.ind_events";
    private string Authorities => $"{store.Schema}.ind_authorities";

    public string[]? EventTypes { get; } = typeof(ChildEventsProjection).Assembly.GetTypes()
        .Select(t => t.GetCustomAttributes(typeof(EventTypeAttribute), false).OfType<EventTypeAttribute>().FirstOrDefault()?.StoredName)
        .OfType<string>().Order(StringComparer.Ordinal).ToArray();

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await store.ApplyReadModelSchemaAsync(
            $"""
            create table if not exists {Events} (
                authority text not null, seq_id bigint not null, child_id text null, episode_id uuid null,
                event_id uuid not null, event_type text not null, effective_date date null, recorded_at timestamptz not null,
                data jsonb not null,
                primary key (authority, seq_id));
            -- How many events each authority has: a change means its cached histories are stale.
            create table if not exists {Authorities} (authority text primary key, events bigint not null);
            drop table if exists {store.Schema}.ind_child_events;
            {AuthorityScope.PolicySql(store.Schema, "ind_events")}
            {AuthorityScope.PolicySql(store.Schema, "ind_authorities")}
            {AuthorityScope.BackgroundOnlySql(store.Schema, "ind_events")}
            {AuthorityScope.BackgroundOnlySql(store.Schema, "ind_authorities")}
            """, ct);
    }

    /// <summary>The read-model row of each event, computed in SQL from Marten's <c>mt_events e</c> (the
    /// authority is its tenant id; the effective date travels in its headers). A child's stream is named by the
    /// child id alone (Placements) or by a service's prefix and a colon before it (reviews:, health:, and
    /// Leaving care's); a child id never holds a colon (docs/streams.md).</summary>
    private const string RowOfEvent =
        """
        e.tenant_id, e.seq_id,
        case when e.stream_id like 'episode:%' then e.data->>'childId'
             when strpos(e.stream_id, ':') > 0 then substr(e.stream_id, strpos(e.stream_id, ':') + 1)
             else e.stream_id end,
        case when e.stream_id like 'episode:%' then (e.data->>'episodeId')::uuid end,
        e.id, e.type, (e.headers->>'effectiveDate')::date, e.timestamp, e.data
        """;

    private string InsertAndCount(string source) =>
        $"""
        , ins as (
            insert into {Events} (authority, seq_id, child_id, episode_id, event_id, event_type, effective_date, recorded_at, data)
            select {RowOfEvent} from {source} e
            returning authority)
        , counted as (
            insert into {Authorities} (authority, events) select authority, count(*) from ins group by authority
            on conflict (authority) do update set events = {Authorities}.events + excluded.events)
        """;

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> batch, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            with src as (select * from {store.Schema}.mt_events where seq_id = any(@s))
            {InsertAndCount("src")}
            select 1
            """, conn, tx);
        cmd.Parameters.AddWithValue("s", batch.Select(e => e.Sequence).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Applies the events it reads among the next <paramref name="max"/> after the checkpoint in one statement,
    /// with the checkpoint, reading the feed exactly as the runner does (in (tx_id, seq_id) order, below the
    /// oldest running transaction) and moving the checkpoint past the events it passes over. Holds the checkpoint
    /// row for update meanwhile, so the runner waits and then carries on from where this left off. A version of a
    /// consumed type this build cannot read stops it (<see cref="UnknownEventVersionException"/>), as it stops
    /// the runner: a rebuild must not quietly leave children out. Returns how many events it applied and how
    /// many positions it covered (zero: caught up).
    /// </summary>
    public async Task<(int Applied, int Scanned)> CatchUpAsync(int max, CancellationToken ct)
    {
        var interest = FeedInterest.For(EventTypes, store.Types)!;
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        // After a reset there is no checkpoint row to hold; one at position zero gives the lock something to take.
        await using (var seed = new NpgsqlCommand(
            $"insert into {store.Schema}.ct_projection_progress (name, tx_id, seq_id) values (@n, '0'::xid8, 0) on conflict do nothing", conn))
        {
            seed.Parameters.AddWithValue("n", Name);
            await seed.ExecuteNonQueryAsync(ct);
        }
        await using var tx = await conn.BeginTransactionAsync(ct);
        var after = await Checkpoints.ReadAsync(store, conn, tx, Name, ct, forUpdate: true);
        await using var cmd = new NpgsqlCommand(
            $"""
            with scanned as materialized (
                -- Every column the row needs, read once: a second lookup of each event by seq_id cost about a sixth
                -- of a rebuild batch (docs/benchmarks.md, "Indicators rebuild on Marten").
                select tx_id, seq_id, type, tenant_id, stream_id, id, headers, timestamp, data from {store.Schema}.mt_events
                where (tx_id, seq_id) > (@tx::text::xid8, @seq)
                  and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                order by tx_id, seq_id
                limit @max)
            -- The version check runs once per type in the batch, not once per event.
            , unreadable_types as (select type from (select distinct type from scanned) t where {FeedInterest.UnknownVersionSql("type")})
            , unreadable as (select * from scanned where type in (select type from unreadable_types) order by tx_id, seq_id limit 1)
            , src as materialized (
                select e.* from scanned e
                where e.type = any(@reads) and not exists (select 1 from unreadable))
            {InsertAndCount("src")}
            select (select count(*) from src), (select count(*) from scanned),
                   (select s.tx_id::text from scanned s order by s.tx_id desc, s.seq_id desc limit 1), -- qualified: the xid8, not the text
                   (select s.seq_id from scanned s order by s.tx_id desc, s.seq_id desc limit 1),
                   (select type from unreadable), (select tx_id::text from unreadable), (select seq_id from unreadable)
            """, conn, tx);
        cmd.Parameters.AddWithValue("tx", after.TxId.ToString());
        cmd.Parameters.AddWithValue("seq", after.Sequence);
        interest.AddParameters(cmd);
        cmd.Parameters.AddWithValue("max", max);
        int applied, scanned;
        FeedPosition last;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            if (!r.IsDBNull(4))
                // Nothing of this batch was written (src is empty); the transaction rolls back on dispose.
                throw new UnknownEventVersionException(Name, r.GetString(4), new FeedPosition(ulong.Parse(r.GetString(5)), r.GetInt64(6)));
            applied = (int)r.GetInt64(0);
            scanned = (int)r.GetInt64(1);
            last = scanned == 0 ? after : new FeedPosition(ulong.Parse(r.GetString(2)), r.GetInt64(3));
        }
        if (scanned > 0) await Checkpoints.WriteAsync(store, conn, tx, Name, last, ct);
        await tx.CommitAsync(ct);
        return (applied, scanned);
    }

    /// <summary>The server's snapshot now (<c>pg_current_snapshot()</c>), naming every transaction committed by now.</summary>
    public async Task<string> SnapshotAsync(CancellationToken ct)
    {
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("select pg_current_snapshot()::text", conn);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Where the read model stands, read in one statement (so against one checkpoint): the events it holds, and
    /// how many events committed by <paramref name="head"/> (a <see cref="SnapshotAsync"/>) that it reads, or would stop
    /// at as a version it cannot read, still lie after its checkpoint.</summary>
    public async Task<(long Events, long HeldBack)> StandingAsync(string head, CancellationToken ct)
    {
        var interest = FeedInterest.For(EventTypes, store.Types)!;
        await using var conn = await store.SystemDataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"""
            with checkpoint as (
                select coalesce((select tx_id from {store.Schema}.ct_projection_progress where name = @n), '0'::xid8) as tx_id,
                       coalesce((select seq_id from {store.Schema}.ct_projection_progress where name = @n), 0) as seq_id)
            select (select count(*) from {Events}),
                   (select count(*) from {store.Schema}.mt_events e, checkpoint c
                    where (e.tx_id, e.seq_id) > (c.tx_id, c.seq_id) and pg_visible_in_snapshot(e.tx_id, @head::text::pg_snapshot)
                      and (e.type = any(@reads) or {FeedInterest.UnknownVersionSql("e.type")}))
            """, conn);
        cmd.Parameters.AddWithValue("n", Name);
        cmd.Parameters.AddWithValue("head", head);
        interest.AddParameters(cmd);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1));
    }

    public async Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"truncate {Events}, {Authorities}", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
