using System.Net;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>axe-core (Deque.AxeCore.Playwright, which ships axe-core's script from npm) over the whole dashboard with a
/// report loaded, on a desktop and on a phone: no serious or critical violation.</summary>
public sealed class AccessibilityTests(ServiceStack stack) : IClassFixture<ServiceStack>, IAsyncLifetime
{
    private const string Authority = "839";
    private readonly ServiceHost<ChildEvent> placements = stack.Start<ChildEvent>();
    private ServiceHost<ChildEventsProjection> indicators = null!;
    private Uri site = null!;
    private DashboardBrowser browser = null!;

    public async Task InitializeAsync()
    {
        (indicators, site) = KestrelService.StartOnLoopback<ChildEventsProjection>(stack);
        browser = await DashboardBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        if (indicators is not null) await indicators.DisposeAsync();
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 800)]
    public async Task the_dashboard_with_a_report_loaded_has_no_serious_accessibility_violation(int width, int height)
    {
        var writer = placements.ClientFor(Authority, Scopes.PlacementsWrite);
        var child = $"a11y-{width}";
        Assert.Equal(HttpStatusCode.Created, (await writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2024-06-10"))).StatusCode);

        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await page.GotoAsync(new Uri(site, $"/?year=2025#token={TestTokens.For(Authority, Scopes.IndicatorsRead)}").ToString());
        await Assertions.Expect(page.Locator("#tile-cla .tile-value")).Not.ToHaveTextAsync("", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#breakdowns-cla")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, "axe-core: " + string.Join("\n", serious));
    }
}
