using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.ServiceDefaults.Auth;
using HealthService = CareTracking.Health.HealthHost;
using LeavingCareService = CareTracking.LeavingCare.LeavingCareHost;
using PlacementsService = CareTracking.Placements.PlacementsHost;
using ReviewsService = CareTracking.Reviews.ReviewsHost;

namespace CareTracking.IntegrationTests.Demo;

/// <summary>The services on the class's own database and vhost, with every bus healthy (queues bound)
/// before the demo posts anything: a care-period message published before then would have nowhere to go.</summary>
public sealed class DemoStack : ServiceStack, IAsyncLifetime
{
    public const string Authority = "831";

    public ServiceHost<PlacementsService> Placements { get; private set; } = null!;
    public ServiceHost<MissingEpisodesHost> Missing { get; private set; } = null!;
    public ServiceHost<ReviewsService> Reviews { get; private set; } = null!;
    public ServiceHost<IndicatorsHost> Indicators { get; private set; } = null!;
    public ServiceHost<HealthService> Health { get; private set; } = null!;
    public ServiceHost<LeavingCareService> LeavingCare { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Placements = Start<PlacementsService>();
        Missing = Start<MissingEpisodesHost>();
        Reviews = Start<ReviewsService>();
        Indicators = Start<IndicatorsHost>();
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

    /// <summary>The number of stored events once it has stopped changing; fails at 60 s with what it saw
    /// (<see cref="SettledEvents"/>).</summary>
    public Task<long> SettledEventCountAsync() => SettledEvents.CountAsync(this, TimeSpan.FromSeconds(60));

    public Task<string> OldestOpenTransactionAsync() => SettledEvents.OldestOpenTransactionAsync(this);

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}
