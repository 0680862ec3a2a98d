using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.EventStore.Tests;

// Its own database: an unregistered stored name makes every reader of the feed fail loudly, by design.
public sealed class StoredNameTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    private DocumentStore Store => db.Store;

    /// <summary>Writes a one-event stream straight into Marten's tables under a stored name of our choosing, as
    /// an older version of the code (or another service) would have written it.</summary>
    private async Task InsertStoredAsync(string streamId, string storedName, string json, DateOnly? effective)
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(
            $"""
            insert into {Store.Schema}.mt_streams (tenant_id, id, type, version) values ('831', @s, 'thing', 1);
            insert into {Store.Schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, headers)
            values (nextval('{Store.Schema}.mt_events_sequence'), gen_random_uuid(), @s, 1, @d::jsonb, @t, '831', now(),
                    case when @e::date is null then null else jsonb_build_object('effectiveDate', @e::date) end);
            """, conn);
        cmd.Parameters.AddWithValue("s", streamId);
        cmd.Parameters.AddWithValue("d", json);
        cmd.Parameters.AddWithValue("t", storedName);
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly?>("e", NpgsqlTypes.NpgsqlDbType.Date) { TypedValue = effective });
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task an_event_stored_under_an_older_version_is_upcast_on_read()
    {
        await InsertStoredAsync("old-1", "test.thing-happened.v1", """{"thing":"legacy"}""", new DateOnly(2019, 5, 1));

        var e = Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("old-1"));
        Assert.Equal(new ThingHappened("legacy", 1), e.Data);
        Assert.Equal("test.thing-happened.v1", e.EventType);
    }

    [Fact]
    public async Task an_unknown_stored_name_fails_loudly_rather_than_being_skipped()
    {
        await InsertStoredAsync("unknown-1", "test.never-registered.v1", "{}", null);

        await Assert.ThrowsAsync<UnknownEventTypeException>(() => Store.LightweightSession("831").Events.FetchStreamAsync("unknown-1"));
    }

    [Fact]
    public async Task a_stored_event_without_a_nullable_field_reads_it_as_null()
    {
        await InsertStoredAsync("seen-1", "test.thing-seen.v1", """{"where":"school"}""", null);

        var e = Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("seen-1"));
        Assert.Equal(new ThingSeen("school", null), e.Data);
    }

    [Theory]
    // The current version without "what", which has no default.
    [InlineData("missing-1", "test.thing-happened.v2", """{"count":31415}""", "missing required properties including: 'what'")]
    // Null where the type allows none.
    [InlineData("null-1", "test.thing-happened.v2", """{"what":null,"count":31415}""", "'what'")]
    // An older version read through its upcaster, which finds no "thing" to carry over.
    [InlineData("upcast-1", "test.thing-happened.v1", """{"count":31415}""", "'what'")]
    public async Task a_stored_event_missing_a_required_field_fails_to_read_naming_its_type_and_field_and_no_value(string streamId, string storedName, string json, string reason)
    {
        await InsertStoredAsync(streamId, storedName, json, null);

        var e = await Assert.ThrowsAsync<UnreadableStoredEventException>(() => Store.LightweightSession("831").Events.FetchStreamAsync(streamId));
        Assert.Equal(storedName, e.StoredName);
        Assert.Equal(typeof(ThingHappened), e.EventType);
        Assert.Contains($"Stored event '{storedName}' does not read as ThingHappened", e.Message);
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("31415", e.ToString());
        // The registry itself (the feed, projections, Indicators' reads) refuses it the same way.
        Assert.Throws<UnreadableStoredEventException>(() => Store.Types.Deserialize(storedName, json));
    }

}
