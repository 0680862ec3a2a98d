using CareTracking.EventStore;
using CareTracking.Indicators.Projections;
using CareTracking.Testing;
using Npgsql;

namespace CareTracking.IntegrationTests.Indicators;

/// <summary>
/// Indicators copies events in SQL batches of its own (<see cref="ChildEventsProjection.CatchUpAsync"/>, the rebuild's
/// path), so it needs its own proof that a batch's reach is ordered by the transaction id as a number: ordered as text,
/// "100" sorted before "98", the reach fell behind an event the batch had copied, and the next batch copied it again
/// (a primary-key violation that stops the rebuild). Its own database: the events carry made-up transaction ids.
/// </summary>
public sealed class RebuildTransactionIdDigitsTests : IAsyncLifetime
{
    private string database = "";
    private DocumentStore store = null!;

    public async Task InitializeAsync()
    {
        database = await TestStack.CreateDatabaseAsync("ct_ind_digits");
        store = new DocumentStore(new StoreOptions(database, "indicators-digits"),
            new EventTypeRegistry().RegisterAssembly(typeof(ChildEventsProjection).Assembly));
        await store.ApplySchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await TestStack.DropDatabaseAsync(database);
    }

    /// <summary>A child's entry to care as if appended by transaction <paramref name="txId"/>, long committed.</summary>
    private async Task InsertAsync(long txId, string childId)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"""
            insert into {store.Schema}.mt_streams (tenant_id, id, type, version) values ('831', @c, 'child', 1);
            insert into {store.Schema}.mt_events (seq_id, tx_id, id, stream_id, version, data, type, tenant_id, timestamp, headers)
            values (nextval('{store.Schema}.mt_events_sequence'), @tx::text::xid8, gen_random_uuid(), @c, 1,
                    @data::jsonb, 'placements.child-entered-care.v1', '831', now(), @headers::jsonb);
            """, conn);
        cmd.Parameters.AddWithValue("tx", txId.ToString());
        cmd.Parameters.AddWithValue("c", childId);
        cmd.Parameters.AddWithValue("data", """{"date":"2025-01-01","legalStatus":"C2","placement":{"type":"U4"}}""");
        cmd.Parameters.AddWithValue("headers", """{"effectiveDate":"2025-01-01"}""");
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task batches_that_cross_a_digit_copy_each_event_once()
    {
        using var background = WorkerConnections.Grant("test: the projection's batches"); // as its runner is
        var projection = new ChildEventsProjection(store);
        await projection.EnsureSchemaAsync(CancellationToken.None);
        await InsertAsync(98, "DIGITS-98");
        await InsertAsync(100, "DIGITS-100");
        await InsertAsync(101, "DIGITS-101");
        await Checkpoints.ResetAsync(store, projection);

        var first = await projection.CatchUpAsync(2, CancellationToken.None);   // 98 and 100: its reach must be 100
        var second = await projection.CatchUpAsync(2, CancellationToken.None);  // 101 only
        var third = await projection.CatchUpAsync(2, CancellationToken.None);   // caught up

        Assert.Equal((2, 2), first);
        Assert.Equal((1, 1), second);
        Assert.Equal((0, 0), third);
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select string_agg(child_id, ',' order by seq_id) from {store.Schema}.ind_events", conn);
        Assert.Equal("DIGITS-98,DIGITS-100,DIGITS-101", (string?)await cmd.ExecuteScalarAsync());
    }
}
