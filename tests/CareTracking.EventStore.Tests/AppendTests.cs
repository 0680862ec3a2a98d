using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.EventStore.Tests;

public sealed class AppendTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: AppendTests");

    private DocumentStore Store => db.Store;

    private static PendingEvent Thing(string what) => new(new ThingHappened(what, 1), new DateOnly(2025, 4, 1));

    private async Task<long> ScalarAsync(string sql)
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task starting_a_stream_appends_its_events_at_versions_one_onwards()
    {
        var session = Store.LightweightSession("831");
        session.Events.StartStream("thing", "start-1", Thing("a"), Thing("b"));
        var result = Assert.Single(await session.SaveChangesAsync());

        Assert.Equal(2, result.Version);
        var events = await Store.LightweightSession("831").Events.FetchStreamAsync("start-1");
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.Equal(["a", "b"], events.Select(e => ((ThingHappened)e.Data).What));
        // Marten's stream row carries the stream's type and version.
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand($"select type || '/' || version from {Store.Schema}.mt_streams where tenant_id = '831' and id = 'start-1'", conn);
        Assert.Equal("thing/2", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task appending_with_a_stale_expected_version_is_rejected_and_writes_nothing()
    {
        var first = Store.LightweightSession("831");
        first.Events.StartStream("thing", "stale-1", Thing("a"));
        await first.SaveChangesAsync();

        var stale = Store.LightweightSession("831");
        stale.Events.Append("thing", "stale-1", expectedVersion: 0, Thing("b"));
        stale.Publish(new OutboxMessage(Guid.NewGuid(), OutboxMessage.Bus, "test", new { x = 1 }));
        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => stale.SaveChangesAsync());

        Assert.Equal(1, error.ActualVersion);
        Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("stale-1"));
        Assert.Equal(0, await ScalarAsync($"select count(*) from {Store.Schema}.ct_outbox where message_type = 'test'"));
    }

    /// <summary>The last position the sequence handed out (0 before the first).</summary>
    private string SequenceTaken => $"select case when is_called then last_value else 0 end from {Store.Schema}.mt_events_sequence";

    [Fact]
    public async Task two_concurrent_appends_with_the_same_expected_version_one_wins_and_no_position_is_burnt()
    {
        // The sequence itself, not max(seq_id): a loser that took a position after the winner's would leave
        // max(seq_id) unchanged and burn one all the same.
        var seqBefore = await ScalarAsync(SequenceTaken);

        // Deterministic interleaving: writer A's append (through Marten) is inside an open transaction when writer B arrives.
        await using var a = await Store.DataSource.OpenConnectionAsync();
        await using var txA = await a.BeginTransactionAsync();
        var writerA = Store.LightweightSession("831", new AppendContext(null, null, "writer-a"));
        writerA.Events.StartStream("thing", "race-1", Thing("a"));
        await writerA.SaveInTransactionAsync(txA, CancellationToken.None);

        var b = Store.LightweightSession("831");
        b.Events.StartStream("thing", "race-1", Thing("b"));
        var writerB = b.SaveChangesAsync();
        await Task.Delay(300);
        Assert.False(writerB.IsCompleted, "writer B must wait for writer A's lock on the stream");
        await txA.CommitAsync();

        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => writerB);
        Assert.Equal(1, error.ActualVersion);

        var events = await Store.LightweightSession("831").Events.FetchStreamAsync("race-1");
        Assert.Equal("a", ((ThingHappened)Assert.Single(events).Data).What);
        // The loser took no position: the winner took the only one.
        Assert.Equal(seqBefore + 1, await ScalarAsync(SequenceTaken));
        Assert.Equal(seqBefore + 1, await ScalarAsync($"select max(seq_id) from {Store.Schema}.mt_events"));
    }

    [Fact]
    public async Task eight_racing_writers_per_stream_produce_exactly_one_winner_each_and_a_gapless_sequence()
    {
        var seqBefore = await ScalarAsync($"select coalesce(max(seq_id), 0) from {Store.Schema}.mt_events");
        var countBefore = await ScalarAsync($"select count(*) from {Store.Schema}.mt_events");
        const int streams = 25, writers = 8;
        var outcomes = await Task.WhenAll(
            from s in Enumerable.Range(0, streams)
            from w in Enumerable.Range(0, writers)
            select Task.Run(async () =>
            {
                var session = Store.LightweightSession("831");
                session.Events.StartStream("thing", $"swarm-{s}", Thing($"w{w}"));
                try { await session.SaveChangesAsync(); return (Stream: s, Won: true); }
                catch (ConcurrencyException) { return (Stream: s, Won: false); }
            }));

        Assert.All(outcomes.GroupBy(o => o.Stream), g => Assert.Equal(1, g.Count(o => o.Won)));
        Assert.Equal(countBefore + streams, await ScalarAsync($"select count(*) from {Store.Schema}.mt_events"));
        Assert.Equal(seqBefore + streams, await ScalarAsync($"select max(seq_id) from {Store.Schema}.mt_events"));
    }

    [Fact]
    public async Task a_retried_append_with_the_same_event_ids_appends_nothing_and_answers_as_the_first_did()
    {
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        PendingEvent[] Events() => [new(new ThingHappened("a", 1), ids[0]), new(new ThingHappened("b", 1), ids[1])];
        var outboxId = Guid.NewGuid();

        async Task<AppendResult> Post()
        {
            var session = Store.LightweightSession("831");
            session.Events.StartStream("thing", "retry-1", Events());
            session.Publish(new OutboxMessage(outboxId, OutboxMessage.Bus, "retry-test", new { x = 1 }));
            return Assert.Single(await session.SaveChangesAsync());
        }

        var first = await Post();
        var retry = await Post();

        Assert.Equal((2L, false), (first.Version, first.WasDuplicate));
        Assert.Equal((2L, true), (retry.Version, retry.WasDuplicate));
        Assert.Equal(2, (await Store.LightweightSession("831").Events.FetchStreamAsync("retry-1")).Count);
        Assert.Equal(1, await ScalarAsync($"select count(*) from {Store.Schema}.ct_outbox where message_type = 'retry-test'"));
    }

    [Fact]
    public async Task reusing_one_event_id_in_a_different_append_is_rejected()
    {
        var id = Guid.NewGuid();
        var first = Store.LightweightSession("831");
        first.Events.StartStream("thing", "reuse-1", new PendingEvent(new ThingHappened("a", 1), id));
        await first.SaveChangesAsync();

        var second = Store.LightweightSession("831");
        second.Events.Append("thing", "reuse-1", null, new PendingEvent(new ThingHappened("a", 1), id), Thing("new"));
        await Assert.ThrowsAsync<EventIdReusedException>(() => second.SaveChangesAsync());
        Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("reuse-1"));
    }

    [Fact]
    public async Task the_same_event_ids_from_a_request_with_another_fingerprint_are_a_reuse_and_the_stored_one_is_kept()
    {
        // The race the service's own replay check cannot see: both posts read the stream before either committed.
        var id = Guid.NewGuid();
        async Task<AppendResult> Post(string requestHash)
        {
            var session = Store.LightweightSession("831", new AppendContext(null, null, null, requestHash));
            session.Events.StartStream("thing", "fingerprint-1", new PendingEvent(new ThingHappened("a", 1), id));
            return Assert.Single(await session.SaveChangesAsync());
        }

        var first = await Post("hash-a");
        var reused = await Assert.ThrowsAsync<EventIdReusedException>(() => Post("hash-b"));
        var replay = await Post("hash-a");

        Assert.False(first.WasDuplicate);
        Assert.NotNull(reused.FirstPostedAt);
        Assert.True(replay.WasDuplicate);
        var stored = Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("fingerprint-1"));
        Assert.Equal("hash-a", stored.RequestHash);
    }

    [Fact]
    public async Task events_and_outbox_rows_of_a_failed_save_are_all_rolled_back()
    {
        var ok = Store.LightweightSession("831");
        ok.Events.StartStream("thing", "atomic-2", Thing("x"));
        await ok.SaveChangesAsync();

        // The first stream's append is fine, the second's is stale: nothing of the save may remain.
        var session = Store.LightweightSession("831");
        session.Events.StartStream("thing", "atomic-1", Thing("a"));
        session.Events.Append("thing", "atomic-2", 5, Thing("b"));
        session.Publish(new OutboxMessage(Guid.NewGuid(), OutboxMessage.Bus, "atomic-test", new { x = 1 }));
        var error = await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChangesAsync());
        Assert.Equal(("atomic-2", 5L, 1L), (error.StreamId, error.ExpectedVersion, error.ActualVersion));

        Assert.Empty(await Store.LightweightSession("831").Events.FetchStreamAsync("atomic-1"));
        Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("atomic-2"));
        Assert.Equal(0, await ScalarAsync($"select count(*) from {Store.Schema}.mt_streams where id = 'atomic-1'"));
        Assert.Equal(0, await ScalarAsync($"select count(*) from {Store.Schema}.ct_outbox where message_type = 'atomic-test'"));
    }

    [Fact]
    public async Task the_same_stream_id_under_two_authorities_stays_separate()
    {
        var derby = Store.LightweightSession("831");
        derby.Events.StartStream("thing", "child-1", Thing("derby"));
        await derby.SaveChangesAsync();

        // Starting "the same" stream elsewhere is not a conflict, and versions are independent.
        var leics = Store.LightweightSession("855");
        leics.Events.StartStream("thing", "child-1", Thing("leics-1"), Thing("leics-2"));
        Assert.Equal(2, Assert.Single(await leics.SaveChangesAsync()).Version);

        var derbyEvents = await Store.LightweightSession("831").Events.FetchStreamAsync("child-1");
        var leicsEvents = await Store.LightweightSession("855").Events.FetchStreamAsync("child-1");
        Assert.Equal(["derby"], derbyEvents.Select(e => ((ThingHappened)e.Data).What));
        Assert.Equal(["leics-1", "leics-2"], leicsEvents.Select(e => ((ThingHappened)e.Data).What));
        Assert.All(derbyEvents, e => Assert.Equal("831", e.Authority));

        // Expected-version checks are per authority too.
        var stale = Store.LightweightSession("831");
        stale.Events.Append("thing", "child-1", 2, Thing("no"));
        await Assert.ThrowsAsync<ConcurrencyException>(() => stale.SaveChangesAsync());

        // Aggregation and the feed keep the authority on every event.
        var (count, version) = await Store.LightweightSession("855").Events
            .AggregateStreamAsync("child-1", 0, (n, _) => n + 1);
        Assert.Equal((2, 2L), (count, version));
        // The feed's fence may lag behind an open transaction elsewhere on the server: wait for both.
        IReadOnlyList<StoredEvent> feed = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(50))
            if ((feed = await Store.Feed.ReadAsync(FeedPosition.Start, 10_000)).Count(e => e.StreamId == "child-1") >= 3) break;
        Assert.Equal(1, feed.Count(e => e.StreamId == "child-1" && e.Authority == "831"));
        Assert.Equal(2, feed.Count(e => e.StreamId == "child-1" && e.Authority == "855"));
    }

    [Fact]
    public async Task events_carry_effective_date_recorded_instant_correlation_causation_and_client()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var session = Store.LightweightSession("831", new AppendContext("corr-1", "cause-1", "case-system-831"));
        session.Events.StartStream("thing", "meta-1", new PendingEvent(new ThingHappened("a", 3), new DateOnly(2024, 2, 29)));
        await session.SaveChangesAsync();

        var e = Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("meta-1"));
        Assert.Equal(new DateOnly(2024, 2, 29), e.EffectiveDate);
        Assert.InRange(e.RecordedAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(("corr-1", "cause-1", "case-system-831"), (e.CorrelationId, e.CausationId, e.ActingClient));
        Assert.Equal("test.thing-happened.v2", e.EventType);
    }

    [Fact]
    public async Task applying_the_schema_again_and_concurrently_changes_nothing()
    {
        var session = Store.LightweightSession("831");
        session.Events.StartStream("thing", "schema-1", Thing("kept"));
        await session.SaveChangesAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store.ApplySchemaAsync()));

        Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("schema-1"));
    }

    [Fact]
    public async Task a_second_save_marking_the_same_message_handled_fails_with_npgsqls_unique_violation_and_writes_nothing()
    {
        var message = Guid.NewGuid();
        var first = Store.LightweightSession("831");
        first.Events.StartStream("thing", "inbox-1", Thing("a"));
        first.MarkHandled("inbox-tests", message);
        await first.SaveChangesAsync();

        // A concurrent delivery of the same message: StreamCommands catches Npgsql's own exception for ct_inbox, so
        // the save must raise that, not Marten's wrapper around it.
        var second = Store.LightweightSession("831");
        second.Events.Append("thing", "inbox-1", 1, Thing("b"));
        second.MarkHandled("inbox-tests", message);
        var error = await Assert.ThrowsAsync<PostgresException>(() => second.SaveChangesAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal("ct_inbox", error.TableName);
        Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("inbox-1"));
    }

    [Fact]
    public async Task applying_the_schema_drops_the_retired_batch_append_function_from_a_database_that_has_it()
    {
        // A database made before every save went through Marten's session holds ct_append_events, the old batch
        // path's function, under the same signature.
        await using (var conn = await Store.DataSource.OpenConnectionAsync())
        await using (var create = new NpgsqlCommand($"""
            create or replace function {Store.Schema}.ct_append_events(
                varchar, varchar, varchar, bigint, varchar, uuid[], varchar[], varchar[], jsonb[], varchar[], varchar[], jsonb[])
            returns table (stream_version bigint, duplicate boolean) language sql as 'select 0::bigint, false'
            """, conn))
            await create.ExecuteNonQueryAsync();
        var retired = $"select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = '{Store.Schema}' and p.proname = 'ct_append_events'";
        Assert.Equal(1, await ScalarAsync(retired));

        await Store.ApplySchemaAsync();

        Assert.Equal(0, await ScalarAsync(retired));
    }

    [Fact]
    public void an_authority_must_be_a_three_digit_la_code() =>
        Assert.Throws<ArgumentException>(() => Store.LightweightSession("83"));
}
