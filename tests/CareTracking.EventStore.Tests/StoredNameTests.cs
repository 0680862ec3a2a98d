using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.EventStore.Tests;

// Its own database: an unregistered stored name makes every reader of the feed fail loudly, by design.
public sealed class StoredNameTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    private DocumentStore Store => db.Store;

    [Fact]
    public async Task an_event_stored_under_an_older_version_is_upcast_on_read()
    {
        await using (var conn = await Store.DataSource.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand(
            $"select * from {Store.Schema}.ct_append('831', 'old-1', 'thing', 0, array[gen_random_uuid()], array['test.thing-happened.v1'], array['{{\"thing\":\"legacy\"}}'::jsonb], array['2019-05-01'::date], null, null, null)", conn))
            await cmd.ExecuteNonQueryAsync();

        var e = Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("old-1"));
        Assert.Equal(new ThingHappened("legacy", 1), e.Data);
        Assert.Equal("test.thing-happened.v1", e.EventType);
    }

    [Fact]
    public async Task an_unknown_stored_name_fails_loudly_rather_than_being_skipped()
    {
        await using (var conn = await Store.DataSource.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand(
            $"select * from {Store.Schema}.ct_append('831', 'unknown-1', 'thing', 0, array[gen_random_uuid()], array['test.never-registered.v1'], array['{{}}'::jsonb], array[null::date], null, null, null)", conn))
            await cmd.ExecuteNonQueryAsync();

        await Assert.ThrowsAsync<UnknownEventTypeException>(() => Store.LightweightSession("831").Events.FetchStreamAsync("unknown-1"));
    }

}
