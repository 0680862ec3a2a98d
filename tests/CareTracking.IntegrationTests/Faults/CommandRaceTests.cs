using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Testing;

namespace CareTracking.IntegrationTests.Faults;

[EventType("test.race-noted", 1)]
public sealed record RaceNoted(string By);

/// <summary>A command without If-Match that loses the race to other writers of its stream several times in a
/// row, as a post did while a burst of care-period messages for the same child was being applied.</summary>
public sealed class CommandRaceTests : IAsyncLifetime
{
    private string database = "";
    private DocumentStore store = null!;

    public async Task InitializeAsync()
    {
        database = await TestStack.CreateDatabaseAsync("ct_race");
        store = new DocumentStore(new StoreOptions(database, "race-tests"), new EventTypeRegistry().Register<RaceNoted>());
        await store.ApplySchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await TestStack.DropDatabaseAsync(database);
    }

    private static readonly EventStream<int, RaceNoted> Race = new("race", 0, (count, _) => count + 1, _ => null);

    private StreamCommand<int, RaceNoted> Note(string streamId, Func<int, Task>? beforeDeciding) => Race.Command(
        streamId, Guid.NewGuid(),
        count =>
        {
            // The competing write lands between this command's read and its append.
            beforeDeciding?.Invoke(count).GetAwaiter().GetResult();
            return [new RaceNoted("command")];
        });

    [Fact]
    public async Task without_if_match_a_command_that_loses_its_race_five_times_decides_again_and_is_stored_once()
    {
        var lost = 0;
        var command = Note("race-1", async _ =>
        {
            if (lost >= 5) return;
            lost++;
            var other = store.LightweightSession("831");
            other.Events.Append("race", "race-1", null, new PendingEvent(new RaceNoted("consumer")));
            await other.SaveChangesAsync();
        });

        var answer = await StreamCommands.RunAsync(store, "831", AppendContext.None, expectedVersion: null, command, CancellationToken.None);

        Assert.Equal(5, lost);
        Assert.True(answer.Appended);
        var events = await store.LightweightSession("831").Events.FetchStreamAsync("race-1");
        Assert.Equal(6, events.Count);
        Assert.Single(events, e => ((RaceNoted)e.Data).By == "command");
    }

    [Fact]
    public async Task with_an_expected_version_the_lost_race_is_still_the_clients_to_resolve()
    {
        var seed = store.LightweightSession("831");
        seed.Events.StartStream("race", "race-2", new PendingEvent(new RaceNoted("first")));
        await seed.SaveChangesAsync();
        var command = Note("race-2", async _ =>
        {
            var other = store.LightweightSession("831");
            other.Events.Append("race", "race-2", null, new PendingEvent(new RaceNoted("consumer")));
            await other.SaveChangesAsync();
        });

        await Assert.ThrowsAsync<ConcurrencyException>(() =>
            StreamCommands.RunAsync(store, "831", AppendContext.None, expectedVersion: 1, command, CancellationToken.None));
    }
}
