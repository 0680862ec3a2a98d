using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.EventStore.Tests;

/// <summary>
/// ct_outbox.message_id is unique across authorities. The same message staged again (a retried append) adds
/// nothing; a different message under a used id fails the whole append and writes nothing, instead of being
/// skipped while the caller is told it was saved (issue 10, item 1).
/// </summary>
public sealed class OutboxMessageIdTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    private DocumentStore Store => db.Store;

    private static PendingEvent Thing(string what) => new(new ThingHappened(what, 1), new DateOnly(2025, 4, 1));

    private async Task<long> ScalarAsync(string sql)
    {
        await using var conn = await Store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    private async Task SaveAsync(string authority, string streamId, Guid messageId, object body)
    {
        var session = Store.LightweightSession(authority);
        session.Events.Append("thing", streamId, null, Thing("a"));
        session.Publish(new OutboxMessage(messageId, OutboxMessage.Bus, "id-test", body));
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task another_authoritys_message_under_a_used_id_fails_the_append_and_writes_nothing()
    {
        var messageId = Guid.NewGuid();
        await SaveAsync("831", "id-city", messageId, new { child = "A" });

        await Assert.ThrowsAsync<MessageIdConflictException>(() => SaveAsync("830", "id-county", messageId, new { child = "B" }));

        Assert.Empty(await Store.LightweightSession("830").Events.FetchStreamAsync("id-county"));
        Assert.Equal(1, await ScalarAsync($"select count(*) from {Store.Schema}.ct_outbox where message_id = '{messageId}'"));
    }

    [Fact]
    public async Task a_different_body_under_a_used_id_in_the_same_authority_fails_too()
    {
        var messageId = Guid.NewGuid();
        await SaveAsync("831", "id-body-1", messageId, new { child = "A" });

        await Assert.ThrowsAsync<MessageIdConflictException>(() => SaveAsync("831", "id-body-2", messageId, new { child = "B" }));

        Assert.Empty(await Store.LightweightSession("831").Events.FetchStreamAsync("id-body-2"));
    }

    [Fact]
    public async Task the_same_message_staged_again_adds_nothing_and_is_no_error()
    {
        var messageId = Guid.NewGuid();
        await SaveAsync("831", "id-same-1", messageId, new { child = "A" });
        await SaveAsync("831", "id-same-2", messageId, new { child = "A" });

        Assert.Single(await Store.LightweightSession("831").Events.FetchStreamAsync("id-same-2"));
        Assert.Equal(1, await ScalarAsync($"select count(*) from {Store.Schema}.ct_outbox where message_id = '{messageId}'"));
    }
}
