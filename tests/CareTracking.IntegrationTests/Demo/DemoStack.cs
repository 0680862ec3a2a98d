using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.ServiceDefaults.Auth;
using PlacementsService = CareTracking.Placements.Children.ChildEvent;
using LeavingCareService = CareTracking.LeavingCare.CareLeavers.CareLeaversProjection;
using ReviewsService = CareTracking.Reviews.WorkLists.ReviewChildrenProjection;
using HealthService = CareTracking.Health.WorkLists.HealthChildrenProjection;

namespace CareTracking.IntegrationTests.Demo;

/// <summary>The services on the class's own database and vhost, with every bus healthy (queues bound)
/// before the demo posts anything: a care-period message published before then would have nowhere to go.</summary>
public sealed class DemoStack : ServiceStack, IAsyncLifetime
{
    public const string Authority = "831";

    public ServiceHost<PlacementsService> Placements { get; private set; } = null!;
    public ServiceHost<EpisodeEvent> Missing { get; private set; } = null!;
    public ServiceHost<ReviewsService> Reviews { get; private set; } = null!;
    public ServiceHost<ChildEventsProjection> Indicators { get; private set; } = null!;
    public ServiceHost<HealthService> Health { get; private set; } = null!;
    public ServiceHost<LeavingCareService> LeavingCare { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Placements = Start<PlacementsService>();
        Missing = Start<EpisodeEvent>();
        Reviews = Start<ReviewsService>();
        Indicators = Start<ChildEventsProjection>();
        Health = Start<HealthService>();
        LeavingCare = Start<LeavingCareService>();
        // Each host is ready (its queues bound) when Start returns: see ServiceHost.CreateHost.
    }

    public HttpClient PlacementsClient() => Placements.ClientFor(Authority, Scopes.PlacementsWrite);
    public HttpClient MissingClient() => Missing.ClientFor(Authority, Scopes.MissingWrite);
    public HttpClient ReviewsClient() => Reviews.ClientFor(Authority, Scopes.ReviewsWrite);
    public HttpClient HealthClient() => Health.ClientFor(Authority, Scopes.HealthWrite);
    public HttpClient LeavingCareClient(params string[] scopes) => LeavingCare.ClientFor(Authority, scopes.Length > 0 ? scopes : [Scopes.LeavingCareWrite]);
    public HttpClient IndicatorsClient() => Indicators.ClientFor(Authority, Scopes.IndicatorsRead);

    /// <summary>The number of stored events once it has stopped changing (care-period messages are consumed
    /// asynchronously, so the count settles a moment after the last post).</summary>
    public async Task<long> SettledEventCountAsync()
    {
        var previous = -1L;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var count = await ScalarAsync("select count(*) from eventstore.mt_events");
            var unsent = await ScalarAsync("select count(*) from eventstore.ct_outbox where dispatched_at is null");
            if ((count == previous && unsent == 0) || DateTime.UtcNow > deadline) return count;
            previous = count;
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>What holds the feed's fence back, when projections do not catch up: the oldest transaction
    /// with a transaction id anywhere on the server (its database, age and state; never its query text).</summary>
    public async Task<string> OldestOpenTransactionAsync()
    {
        await using var conn = new Npgsql.NpgsqlConnection(Database);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            """
            select coalesce((select format('%s in %s, %s s old, %s', backend_xid, datname, round(extract(epoch from now() - xact_start)), state)
                             from pg_stat_activity where backend_xid is not null order by age(backend_xid) desc limit 1), 'none')
            """, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}
