using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.EventStore.Tests;

/// <summary>
/// Transaction ids gain a digit (999 → 1000, 9,999,999 → 10,000,000): the feed must order them as numbers. A
/// projection's batch once ordered its rows by the text of the id, so "100" came before "98", its reach fell
/// behind an event it had applied, and the next batch applied that event again (fresh-cluster CI, twice).
/// </summary>
public sealed class TransactionIdDigitsTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: TransactionIdDigitsTests");

    private DocumentStore Store => db.Store;

    /// <summary>An event as if appended by transaction <paramref name="txId"/> (long committed: far below the fence).</summary>
    private async Task<FeedPosition> InsertAsync(long txId, string streamId, string storedName, string json)
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            $"""
            insert into {Store.Schema}.mt_streams (tenant_id, id, type, version) values ('831', @s, 'thing', 1);
            insert into {Store.Schema}.mt_events (seq_id, tx_id, id, stream_id, version, data, type, tenant_id, timestamp)
            values (nextval('{Store.Schema}.mt_events_sequence'), @tx::text::xid8, gen_random_uuid(), @s, 1, @d::jsonb, @t, '831', now())
            returning tx_id::text, seq_id;
            """, conn);
        cmd.Parameters.AddWithValue("tx", txId.ToString());
        cmd.Parameters.AddWithValue("s", streamId);
        cmd.Parameters.AddWithValue("d", json);
        cmd.Parameters.AddWithValue("t", storedName);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return new FeedPosition(ulong.Parse(r.GetString(0)), r.GetInt64(1));
    }

    [Fact]
    public async Task a_projection_applies_each_event_once_when_transaction_ids_gain_a_digit()
    {
        await InsertAsync(98, "digits-1", "test.thing-noted.v1", """{"note":"in 98"}""");
        await InsertAsync(100, "digits-2", "test.thing-noted.v1", """{"note":"in 100"}""");
        var last = await InsertAsync(101, "digits-3", "elsewhere.something-done.v1", """{"x":1}""");

        var projection = new RecordingProjection("digits", "test.thing-noted.v1");
        var runner = new ProjectionRunner(Store, projection, new ProjectionOptions(), Logs.Null);
        await using var conn = await Store.SystemDataSource.OpenConnectionAsync();
        for (var i = 0; i < 5; i++) await runner.ProcessBatchAsync(conn, CancellationToken.None);

        Assert.Equal(["in 98", "in 100"], projection.Seen.Select(e => ((ThingNoted)e.Data).Note));
        await using var cmd = new NpgsqlCommand($"select tx_id::text, seq_id from {Store.Schema}.ct_projection_progress where name = 'digits'", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(last, new FeedPosition(ulong.Parse(r.GetString(0)), r.GetInt64(1)));
    }
}
