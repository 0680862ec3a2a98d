using System.Net.Http.Headers;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements.Children;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>
/// What every dashboard browser test stands on: Placements (in-process) to post children to, Indicators on a real
/// loopback port for the browser to reach, and Debian's Chromium. Each test class gets its own stack (database and
/// vhost), so classes use their own authority codes only to keep tests within a class apart.
/// </summary>
public abstract class DashboardFixture(ServiceStack stack) : IClassFixture<ServiceStack>, IAsyncLifetime
{
    protected ServiceStack Stack { get; } = stack;
    protected ServiceHost<ChildEvent> Placements { get; } = stack.Start<ChildEvent>();
    protected ServiceHost<ChildEventsProjection> Indicators { get; private set; } = null!;
    protected Uri Site { get; private set; } = null!;
    protected DashboardBrowser Browser { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        (Indicators, Site) = KestrelService.StartOnLoopback<ChildEventsProjection>(Stack);
        Browser = await DashboardBrowser.LaunchAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (Indicators is not null) await Indicators.DisposeAsync();
    }

    /// <summary>A client of the loopback Indicators with a token of the authority and scopes.</summary>
    protected HttpClient IndicatorsClient(string authority, params string[] scopes)
    {
        var client = new HttpClient { BaseAddress = Site };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(authority, scopes));
        return client;
    }

    /// <summary>The dashboard's address for a query, with the token in the fragment as a user's link carries it.</summary>
    protected string DashboardAddress(string query, string authority, params string[] scopes) =>
        new Uri(Site, $"/?{query}#token={TestTokens.For(authority, scopes)}").ToString();
}
