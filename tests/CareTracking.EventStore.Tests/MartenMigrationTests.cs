using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.EventStore.Tests;

/// <summary>
/// The one-off copy of the old store's streams into Marten's tables
/// (services/CareTracking.EventStore/Schema/one_off_copy_to_marten.sql), run on a database that holds rows
/// written with the old schema, then read back through Marten and the feed.
/// </summary>
public sealed class MartenMigrationTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: MartenMigrationTests");

    private DocumentStore Store => db.Store;

    /// <summary>The old store's two tables, as Schema/001_event_store.sql created them before the move to Marten.</summary>
    private const string OldSchema =
        """
        create table eventstore.ct_streams (
            authority text not null, stream_id text not null, stream_type text not null, version bigint not null,
            created_at timestamptz not null default now(), updated_at timestamptz not null default now(),
            primary key (authority, stream_id));
        create sequence eventstore.ct_event_seq;
        create table eventstore.ct_events (
            seq_id bigint not null primary key, tx_id xid8 not null default pg_current_xact_id(),
            authority text not null, stream_id text not null, version bigint not null, event_id uuid not null,
            event_type text not null, data jsonb not null, effective_date date null,
            recorded_at timestamptz not null default now(), correlation_id text null, causation_id text null,
            acting_client text null,
            unique (authority, stream_id, version), unique (authority, event_id));
        """;

    private static readonly Guid[] Ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    private async Task ExecuteAsync(string sql, Action<NpgsqlParameterCollection>? bind = null)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        bind?.Invoke(cmd.Parameters);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static string Script()
    {
        using var stream = typeof(DocumentStore).Assembly.GetManifestResourceStream("CareTracking.EventStore.Schema.one_off_copy_to_marten.sql")!;
        return new StreamReader(stream).ReadToEnd();
    }

    [Fact]
    public async Task the_one_off_copy_moves_old_streams_into_marten_keeping_ids_versions_positions_timestamps_and_authority()
    {
        // Old rows: two events of one stream in 831 (one stored under an older version), the same stream id in 855.
        await ExecuteAsync(OldSchema + """
            insert into eventstore.ct_streams (authority, stream_id, stream_type, version, created_at) values
                ('831', 'old-child', 'thing', 2, '2019-05-01T08:00:00Z'), ('855', 'old-child', 'thing', 1, '2020-01-01T08:00:00Z');
            insert into eventstore.ct_events (seq_id, authority, stream_id, version, event_id, event_type, data, effective_date,
                                              recorded_at, correlation_id, causation_id, acting_client) values
                (101, '831', 'old-child', 1, @a, 'test.thing-happened.v1', '{"thing":"legacy"}', '2019-05-01', '2019-05-01T08:00:00Z', 'corr-1', 'cause-1', 'case-system-831'),
                (102, '831', 'old-child', 2, @b, 'test.thing-happened.v2', '{"what":"current","count":2}', null, '2019-06-01T09:30:00Z', null, null, null),
                (103, '855', 'old-child', 1, @c, 'test.thing-happened.v2', '{"what":"leics","count":1}', '2020-01-01', '2020-01-01T08:00:00Z', null, null, 'case-system-855');
            """, p => { p.AddWithValue("a", Ids[0]); p.AddWithValue("b", Ids[1]); p.AddWithValue("c", Ids[2]); });
        var oldTxId = await ScalarAsync<string>("select tx_id::text from eventstore.ct_events where seq_id = 101");

        await ExecuteAsync(Script());
        await ExecuteAsync(Script()); // a second run copies nothing more

        Assert.Equal(3L, await ScalarAsync<long>("select count(*) from eventstore.mt_events"));
        Assert.Equal("thing,thing", await ScalarAsync<string>("select string_agg(type, ',') from eventstore.mt_streams where id = 'old-child'"));
        Assert.Equal(oldTxId, await ScalarAsync<string>("select tx_id::text from eventstore.mt_events where seq_id = 101"));

        var derby = await Store.LightweightSession("831").Events.FetchStreamAsync("old-child");
        Assert.Equal([(101L, 1L, Ids[0]), (102L, 2L, Ids[1])], derby.Select(e => (e.Sequence, e.Version, e.EventId)));
        Assert.Equal([new ThingHappened("legacy", 1), new ThingHappened("current", 2)], derby.Select(e => e.Data));
        Assert.All(derby, e => Assert.Equal("831", e.Authority));
        Assert.Equal(DateTimeOffset.Parse("2019-05-01T08:00:00Z"), derby[0].RecordedAt);
        Assert.Equal(DateTimeOffset.Parse("2019-06-01T09:30:00Z"), derby[1].RecordedAt);
        Assert.Equal((new DateOnly(2019, 5, 1), "corr-1", "cause-1", "case-system-831"),
            (derby[0].EffectiveDate, derby[0].CorrelationId, derby[0].CausationId, derby[0].ActingClient));
        Assert.Null(derby[1].EffectiveDate);
        var leics = Assert.Single(await Store.LightweightSession("855").Events.FetchStreamAsync("old-child"));
        Assert.Equal((103L, 1L, Ids[2], "855", "case-system-855"), (leics.Sequence, leics.Version, leics.EventId, leics.Authority, leics.ActingClient));

        // Marten carries on from the copied streams: the next version, a position after the copied ones, and a
        // retry of a copied event's id appends nothing.
        var next = Store.LightweightSession("831");
        next.Events.Append("thing", "old-child", 2, new PendingEvent(new ThingHappened("after", 1), Ids[3]));
        Assert.Equal(3, Assert.Single(await next.SaveChangesAsync()).Version);
        var retry = Store.LightweightSession("831");
        retry.Events.Append("thing", "old-child", null, new PendingEvent(new ThingHappened("current", 2), Ids[1]));
        Assert.True(Assert.Single(await retry.SaveChangesAsync()).WasDuplicate);
        var after = await Store.LightweightSession("831").Events.FetchStreamAsync("old-child");
        Assert.Equal([1L, 2L, 3L], after.Select(e => e.Version));
        Assert.True(after[2].Sequence > 103);

        // The feed delivers the copied events in their old order, then the new one.
        IReadOnlyList<StoredEvent> feed = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(50))
            if ((feed = await Store.Feed.ReadAsync(FeedPosition.Start, 100)).Count >= 4) break;
        Assert.Equal([101L, 102L, 103L, after[2].Sequence], feed.Select(e => e.Sequence));
    }
}
