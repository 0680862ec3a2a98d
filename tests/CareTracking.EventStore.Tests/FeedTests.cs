using CareTracking.EventStore;
using Npgsql;

namespace CareTracking.EventStore.Tests;

public sealed class FeedTests(StoreDatabase db) : IClassFixture<StoreDatabase>
{
    /// <summary>These tests do the background work themselves (feed, relay, projections, checkpoints), so they are
    /// granted its connections (<see cref="WorkerConnections"/>), as the services' background services are.</summary>
    private readonly IDisposable background = WorkerConnections.Grant("test: FeedTests");

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
        var session = Store.LightweightSession("831");
        session.Events.Append("thing", stream, null, new PendingEvent(new ThingHappened(what, 1)));
        await session.SaveInTransactionAsync(tx, CancellationToken.None);
        return (conn, tx);
    }

    /// <summary>Reads from a position until <paramref name="done"/> holds for what has come. The fence is
    /// cluster-wide: any transaction open on the server (another test class's, say) may hold it back for a
    /// moment, so a test waits for the events it expects rather than for a count of reads.</summary>
    private async Task<(List<string> Whats, FeedPosition Next)> ReadUntil(FeedPosition after, Func<List<string>, bool> done, TimeSpan wait)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var batch = await Store.Feed.ReadAsync(after, 1000);
            seen.AddRange(batch.Select(e => ((ThingHappened)e.Data).What));
            if (batch.Count > 0) after = batch[^1].Position;
            if (done(seen) || DateTime.UtcNow > deadline) return (seen, after);
            await Task.Delay(50);
        }
    }

    private static Func<List<string>, bool> Seen(string what) => list => list.Contains(what);
    private static readonly Func<List<string>, bool> Never = _ => false;

    [Fact]
    public async Task the_feed_waits_at_a_transaction_that_began_earlier_and_then_delivers_everything_exactly_once()
    {
        await Append("feed-a", "before");
        var (before, position) = await ReadUntil(FeedPosition.Start, Seen("before"), TimeSpan.FromSeconds(20));
        Assert.Contains("before", before);

        var (conn, tx) = await OpenAppend("feed-b", "slow");   // begins first, commits last
        await Append("feed-c", "quick-1");
        await Append("feed-d", "quick-2");

        // While the slow transaction is open, nothing after it may be delivered: delivering quick-1 and moving
        // the checkpoint past it would lose "slow" for ever.
        var (whileOpen, afterOpen) = await ReadUntil(position, Never, TimeSpan.FromMilliseconds(600));
        Assert.Empty(whileOpen);
        Assert.Equal(position, afterOpen);

        await tx.CommitAsync();
        await conn.DisposeAsync();

        var (delivered, next) = await ReadUntil(position, Seen("quick-2"), TimeSpan.FromSeconds(20));
        Assert.Equal(["slow", "quick-1", "quick-2"], delivered);

        var (again, _) = await ReadUntil(next, Never, TimeSpan.FromMilliseconds(300));
        Assert.Empty(again);
    }

    [Fact]
    public async Task after_a_rollback_the_feed_moves_on()
    {
        await Append("feed-q", "marker");
        var (_, position) = await ReadUntil(FeedPosition.Start, Seen("marker"), TimeSpan.FromSeconds(20));
        var (conn, tx) = await OpenAppend("feed-r", "rolled-back");
        await Append("feed-s", "kept");

        var (whileOpen, _) = await ReadUntil(position, Never, TimeSpan.FromMilliseconds(400));
        Assert.DoesNotContain("kept", whileOpen);

        await tx.RollbackAsync();
        await conn.DisposeAsync();

        var (delivered, _) = await ReadUntil(position, Seen("kept"), TimeSpan.FromSeconds(20));
        Assert.Equal(["kept"], delivered);
    }
}
