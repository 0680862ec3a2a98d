using System.Net.Http.Headers;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>
/// What every dashboard browser test stands on: Placements (in-process) to post children to, Indicators on a real
/// loopback port for the browser to reach, and Debian's Chromium. Each test class gets its own stack (database and
/// vhost), so classes use their own authority codes only to keep tests within a class apart.
/// </summary>
public abstract class DashboardFixture(ServiceStack stack) : IClassFixture<ServiceStack>, IAsyncLifetime
{
    protected ServiceStack Stack { get; } = stack;
    protected ServiceHost<PlacementsHost> Placements { get; } = stack.Start<PlacementsHost>();
    protected ServiceHost<IndicatorsHost> Indicators { get; private set; } = null!;
    protected Uri Site { get; private set; } = null!;
    protected DashboardBrowser Browser { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        (Indicators, Site) = KestrelService.StartOnLoopback<IndicatorsHost>(Stack);
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

    /// <summary>axe-core over the page as it stands: no serious or critical violation (the first three nodes of each are
    /// named in the failure).</summary>
    protected static async Task AssertNoSeriousAxeViolationAsync(IPage page)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, "axe-core: " + string.Join("\n", serious));
    }

    /// <summary>On a 375 px phone nothing visible in the section reaches past the screen's right edge (inside a table's
    /// own horizontal scroll box too, unless <paramref name="insideScrollBoxes"/> is false) and the page does not scroll
    /// sideways.</summary>
    protected static async Task AssertFitsAPhoneAsync(IPage page, string section, bool insideScrollBoxes = true)
    {
        var wider = await page.EvaluateAsync<string[]>($$"""
            () => [...document.querySelectorAll('#{{section}} *')]
              .filter(e => e.checkVisibility() && e.getBoundingClientRect().right > window.innerWidth + 1{{(insideScrollBoxes ? "" : " && !e.closest('.table-scroll')")}})
              .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`)
            """);
        Assert.True(wider.Length == 0, "wider than a 375 px phone: " + string.Join("; ", wider));
        Assert.Equal(375, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
    }
}
