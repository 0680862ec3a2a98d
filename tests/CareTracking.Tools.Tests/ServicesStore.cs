using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements.Children;
using CareTracking.Reviews.Children;
using CareTracking.Testing;
using Npgsql;
using ChildEventsProjection = CareTracking.Indicators.Projections.ChildEventsProjection;

namespace CareTracking.Tools.Tests;

/// <summary>
/// A database of its own holding what the owner's tools work on: the event store with Placements', Missing episodes'
/// and Reviews' event types, and Indicators' copy of the events (its projection, run by the tests themselves, as
/// Indicators' background service would). Shared by the re-sealing and record-deletion tests.
/// </summary>
internal sealed class ServicesStore
{
    private readonly PostgresDatabase database = new();

    public string ConnectionString => database.ConnectionString;
    public DocumentStore Store { get; private set; } = null!;
    public DocumentStore Indicators { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        var types = new EventTypeRegistry().RegisterAssembly(typeof(ChildEnteredCare).Assembly)
            .RegisterAssembly(typeof(MissingEpisodeReported).Assembly).RegisterAssembly(typeof(ReviewCancelled).Assembly);
        Store = new DocumentStore(new StoreOptions(database.ConnectionString, "tests"), types);
        await Store.ApplySchemaAsync();
        Indicators = new DocumentStore(new StoreOptions(database.ConnectionString, "tests"),
            new EventTypeRegistry().RegisterAssembly(typeof(ChildEventsProjection).Assembly));
        await new ChildEventsProjection(Indicators).EnsureSchemaAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await Indicators.DisposeAsync();
        await database.DisposeAsync();
    }

    public async Task AppendAsync(string authority, string stream, params object[] events)
    {
        var session = Store.LightweightSession(authority);
        session.Events.Append("test", stream, null, [.. events.Select(e => new PendingEvent(e, new DateOnly(2024, 3, 1)))]);
        await session.SaveChangesAsync();
    }

    /// <summary>Catches Indicators' projection up to the last event. The feed stops below the oldest transaction still
    /// running on the server (any test's, in any database), so one pass can copy nothing: it runs until the checkpoint
    /// passes every event, for at most 30 s.</summary>
    public async Task ProjectAsync()
    {
        var projection = new ChildEventsProjection(Indicators);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await projection.CatchUpAsync(100_000, CancellationToken.None);
            await using var conn = new NpgsqlConnection(database.ConnectionString);
            await conn.OpenAsync();
            await using var behind = new NpgsqlCommand(
                $"select count(*) from eventstore.mt_events where seq_id > coalesce((select seq_id from eventstore.ct_projection_progress where name = '{projection.Name}'), 0)",
                conn);
            if ((long)(await behind.ExecuteScalarAsync())! == 0) return;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException("Indicators' projection did not catch up in 30 s.");
    }
}
