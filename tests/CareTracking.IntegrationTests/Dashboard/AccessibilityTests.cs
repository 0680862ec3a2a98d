using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>axe-core (Deque.AxeCore.Playwright, which ships axe-core's script from npm) over the whole dashboard with a
/// report loaded, on a desktop and on a phone: no serious or critical violation.</summary>
public sealed class AccessibilityTests(ServiceStack stack) : DashboardFixture(stack)
{
    private const string Authority = "839";
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(375, 800)]
    public async Task the_dashboard_with_a_report_loaded_has_no_serious_accessibility_violation(int width, int height)
    {
        var writer = Placements.ClientFor(Authority, Scopes.PlacementsWrite);
        var child = $"a11y-{width}";
        Assert.Equal(HttpStatusCode.Created, (await writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2024-06-10"))).StatusCode);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        await page.GotoAsync(DashboardAddress("year=2025", Authority, Scopes.IndicatorsRead));
        await Assertions.Expect(page.Locator("#tile-cla .tile-value")).Not.ToHaveTextAsync("", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#breakdowns-cla")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await AssertNoSeriousAxeViolationAsync(page);
    }
}
