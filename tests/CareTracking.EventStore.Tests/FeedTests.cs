using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.EventStore.Tests;

public sealed class FeedTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    private DocumentStore Store => db.Store;

    private async Task Append(string stream, string what)
    {
        var session = Store.LightweightSession("831");
        session.Events.Append("thing", stream, null, new PendingEvent(new ThingHappened(what, 1)));
        await session.SaveChangesAsync();
    }

    /// <summary>Starts an append inside a transaction that stays open until the caller commits or rolls back.</summary>
    private async Task<(NpgsqlConnection Conn, NpgsqlTransaction Tx)> OpenAppend(string stream, string what)
    {
        var conn = await Store.DataSource.OpenConnectionAsync();
        var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand(
            $"select * from {Store.Schema}.ct_append('831', @s, 'thing', null, array[gen_random_uuid()], array['test.thing-happened.v2'], array[@d::jsonb], array[null::date], null, null, null)",
            conn, tx);
        cmd.Parameters.AddWithValue("s", stream);
        cmd.Parameters.AddWithValue("d", $$"""{"what":"{{what}}","count":1}""");
        await cmd.ExecuteNonQueryAsync();
        return (conn, tx);
    }

    /// <summary>Reads from a position until <paramref name="expected"/> events have come (other test classes'
    /// open transactions on the same server may hold the fence back for a moment).</summary>
    private async Task<(List<string> Whats, FeedPosition Next)> ReadUntil(FeedPosition after, int expected, TimeSpan wait)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + wait;
        do
        {
            var batch = await Store.Feed.ReadAsync(after, 1000);
            seen.AddRange(batch.Select(e => ((ThingHappened)e.Data).What));
            if (batch.Count > 0) after = batch[^1].Position;
            if (seen.Count >= expected) break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        return (seen, after);
    }

    [Fact]
    public async Task the_feed_waits_at_a_transaction_that_began_earlier_and_then_delivers_everything_exactly_once()
    {
        await Append("feed-a", "before");
        var (start, _) = (await ReadUntil(FeedPosition.Start, 1, TimeSpan.FromSeconds(10)), 0);
        var position = start.Next;

        var (conn, tx) = await OpenAppend("feed-b", "slow");   // begins first, commits last
        await Append("feed-c", "quick-1");
        await Append("feed-d", "quick-2");

        // While the slow transaction is open, nothing after it may be delivered: delivering quick-1 and moving
        // the checkpoint past it would lose "slow" for ever.
        var (whileOpen, afterOpen) = await ReadUntil(position, 1, TimeSpan.FromMilliseconds(600));
        Assert.Empty(whileOpen);
        Assert.Equal(position, afterOpen);

        await tx.CommitAsync();
        await conn.DisposeAsync();

        var (delivered, next) = await ReadUntil(position, 3, TimeSpan.FromSeconds(10));
        Assert.Equal(["slow", "quick-1", "quick-2"], delivered);

        var (again, _) = await ReadUntil(next, 1, TimeSpan.FromMilliseconds(300));
        Assert.Empty(again);
    }

    [Fact]
    public async Task after_a_rollback_the_feed_moves_on()
    {
        var (all, position) = await ReadUntil(FeedPosition.Start, int.MaxValue, TimeSpan.FromMilliseconds(200));
        var (conn, tx) = await OpenAppend("feed-r", "rolled-back");
        await Append("feed-s", "kept");

        var (whileOpen, _) = await ReadUntil(position, 1, TimeSpan.FromMilliseconds(400));
        Assert.DoesNotContain("kept", whileOpen);

        await tx.RollbackAsync();
        await conn.DisposeAsync();

        var (delivered, _) = await ReadUntil(position, 1, TimeSpan.FromSeconds(10));
        Assert.Equal(["kept"], delivered);
    }
}
