using System.Globalization;
using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>
/// The committee dashboard in Debian's Chromium against the Indicators service on a real loopback port,
/// with children seeded through Placements.
/// </summary>
public sealed class DashboardTests(ServiceStack stack, ITestOutputHelper output) : DashboardFixture(stack)
{
    private const string Authority = "831";
    [Fact]
    public async Task the_dashboard_shows_the_seeded_children_looked_after_and_takes_the_token_out_of_the_address()
    {
        var writer = Placements.ClientFor(Authority, Scopes.PlacementsWrite);
        foreach (var (child, date, placement) in new[]
        {
            ("dash-1", "2022-06-10", "U4"), ("dash-2", "2023-08-01", "U1"), ("dash-3", "2024-05-02", "K2"),
            ("dash-4", "2024-09-17", "U4"), ("dash-5", "2023-02-01", "U4"),
        })
        {
            var entered = await writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: date, placementType: placement));
            Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        }
        // Left care before 31 March 2025, so looked after on 31 March 2024 but not on 31 March 2025.
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/dash-5/ceased-care", new { date = "2024-12-20", reason = "E13" })).StatusCode);
        await ProjectedClaAsync(expected: 4);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var token = TestTokens.For(Authority, Scopes.IndicatorsRead);
        await page.GotoAsync(new Uri(Site, $"/?year=2025#token={token}").ToString());

        var claValue = page.Locator("#tile-cla .tile-value");
        await Assertions.Expect(claValue).ToHaveTextAsync("4", new() { Timeout = 20_000 });
        Assert.DoesNotContain("token", new Uri(page.Url).Fragment);
        Assert.Contains("31 March 2025", await page.Locator("#period").TextContentAsync());
        // The CLA trend's table fallback ends with the year shown, drawn from the same figures.
        await Assertions.Expect(page.Locator("[data-trend='cla'] tbody tr").Last).ToContainTextAsync("2025");
        await Assertions.Expect(page.Locator("[data-trend='cla'] tbody tr").Last.Locator("td[data-series='authority']")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("#tile-cla .tile-change")).ToContainTextAsync("+1");
        Assert.Equal(1, await page.Locator("[data-trend='cla'] canvas").CountAsync());
        Assert.NotEqual(0, await page.Locator("#definitions dt").CountAsync());

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"dashboard screenshot: {screenshot}");
    }

    [Fact]
    public async Task a_report_known_at_an_instant_shows_its_provisional_figures_beside_the_final_ones_and_what_was_recorded_later()
    {
        // Its own authority: the class's tests share one database.
        const string authority = "832";
        var writer = Placements.ClientFor(authority, Scopes.PlacementsWrite);
        foreach (var (child, date) in new[] { ("known-1", "2022-06-10"), ("known-2", "2023-08-01"), ("known-3", "2024-09-17") })
            Assert.Equal(HttpStatusCode.Created, (await writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: date))).StatusCode);
        await ProjectedClaAsync(expected: 3, authority);
        var knownAt = DateTimeOffset.UtcNow;
        // Recorded after K, dated inside the year: the committee's figure at K could not have counted this child.
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/known-late/entered-care", Requests.EnteredCare(date: "2025-01-15"))).StatusCode);
        await ProjectedClaAsync(expected: 4, authority);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB" });
        // Written as the page writes an instant: milliseconds only when there are some.
        var k = knownAt.ToString(knownAt.Millisecond == 0 ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        await page.GotoAsync(DashboardAddress($"year=2025&knownAt={k}", authority, Scopes.IndicatorsRead));

        await Assertions.Expect(page.Locator("#tile-cla .tile-value")).ToHaveTextAsync("3", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#tile-cla .tile-revision")).ToHaveTextAsync("Provisional 3 · Final 4 (+1 recorded later)");
        await Assertions.Expect(page.Locator("#tile-started .tile-revision")).ToContainTextAsync("+1 recorded later");
        await Assertions.Expect(page.Locator("#known-at-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#period")).ToContainTextAsync("as known at " + knownAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#period")).ToContainTextAsync(knownAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
        await Assertions.Expect(page.Locator("#reproduce")).ToContainTextAsync($"?year=2025&knownAt={k}");
        Assert.Contains($"knownAt={k}", page.Url);
        // A datetime-local input normalises its value: whole minutes are shown without ":00" seconds.
        await Assertions.Expect(page.Locator("#known-at")).ToHaveValueAsync(knownAt.Second == 0 ? k[..16] : k[..19]);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard-known-at.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot });
        await page.ScreenshotAsync(new() { Path = Path.ChangeExtension(screenshot, ".full.png"), FullPage = true });
        // On paper the controls go, but the instant and how to reproduce the report stay.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("#controls")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#reproduce")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tile-cla .tile-revision")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.ChangeExtension(screenshot, ".print.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        output.WriteLine($"known-at screenshots: {screenshot} (headlines), the whole page and its print view beside it");

        // As printed on 31 July 2025, before any of these children was recorded (the test runs later).
        await page.Locator("#as-printed").ClickAsync();
        await Assertions.Expect(page.Locator("#tile-cla .tile-revision")).ToHaveTextAsync("Provisional 0 · Final 4 (+4 recorded later)");
        Assert.Contains("knownAt=2025-07-31T23:59:59Z", page.Url);

        // A whole minute typed into the picker (the input then drops the ":00" seconds) is still that instant.
        await page.Locator("#known-at").FillAsync("2025-08-01T09:30");
        await Assertions.Expect(page.Locator("#period")).ToContainTextAsync("09:30:00 UTC");
        await Assertions.Expect(page.Locator("#known-at")).ToHaveValueAsync("2025-08-01T09:30");
        Assert.Contains("knownAt=2025-08-01T09:30:00Z", page.Url);

        await page.Locator("#known-now").ClickAsync();
        await Assertions.Expect(page.Locator("#tile-cla .tile-value")).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator(".tile-revision")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#known-at-note")).ToBeHiddenAsync();
        Assert.DoesNotContain("knownAt", page.Url);
    }

    [Fact]
    public async Task on_a_phone_nothing_overflows_and_the_foster_provider_chart_lists_every_provider_group()
    {
        // Its own authority: the class's tests share one database.
        const string authority = "833";
        var writer = Placements.ClientFor(authority, Scopes.PlacementsWrite);
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/phone-1/entered-care", Requests.EnteredCare(date: "2024-06-10", placementType: "U4"))).StatusCode);
        await ProjectedClaAsync(expected: 1, authority);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        await page.GotoAsync(DashboardAddress("year=2025", authority, Scopes.IndicatorsRead));
        await Assertions.Expect(page.Locator("#tile-cla .tile-value")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-trend='cla'] canvas")).ToHaveCountAsync(1);

        // Nothing visible reaches past the 375 px screen (wide tables scroll inside their own box), so the page
        // never scrolls sideways.
        var wider = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.checkVisibility() && e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))
              .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`)
            """);
        Assert.True(wider.Length == 0, "wider than a 375 px phone: " + string.Join("; ", wider.Take(12)));
        Assert.Equal(375, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));

        // The API serves four provider groups; the chart's table shows all four, the unknown group included.
        var rows = page.Locator("#fostering tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await Assertions.Expect(rows.Last.Locator("th")).ToHaveTextAsync("Other or not recorded");
    }

    [Fact]
    public async Task the_health_and_care_leaver_sections_show_the_figures_from_those_services_events()
    {
        // Its own authority: the class's tests share one database. The figures are IndicatorsScenario's hand-computed ones.
        const string authority = "834";
        await using var s = new IntegrationTests.Indicators.IndicatorsScenario(Stack, Placements, Indicators, authority);
        await s.GivenHealthAndCareLeavers();
        await s.Committee("year=2025", r => IntegrationTests.Indicators.IndicatorsScenario.Value(r, "sdqAverage") == 17.0m
            && IntegrationTests.Indicators.IndicatorsScenario.Value(r, "careLeaversStayingPutPct") == 100.0m);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(DashboardAddress("year=2025", authority, Scopes.IndicatorsRead));

        var health = page.Locator("section#health");
        await Assertions.Expect(health.Locator("h2")).ToHaveTextAsync("Health", new() { Timeout = 20_000 });
        await Assertions.Expect(health.Locator("#tile-oc2Cohort .tile-value")).ToHaveTextAsync("2");
        await Assertions.Expect(health.Locator("#tile-oc2HealthAssessmentPct .tile-value")).ToHaveTextAsync("50.0%");
        await Assertions.Expect(health.Locator("#tile-oc2HealthAssessmentPct .tile-detail")).ToHaveTextAsync("1 of 2");
        await Assertions.Expect(health.Locator("#tile-sdqAverage .tile-value")).ToHaveTextAsync("17.0");
        // England's development-check figure for the year stands beside the tile and in the section's table.
        await Assertions.Expect(health.Locator("#tile-oc2DevelopmentCheckPct .tile-benchmarks dd")).ToHaveTextAsync("88.0%");
        var developmentRow = health.Locator("[data-section-table='health'] tr[data-measure='oc2DevelopmentCheckPct'] td");
        await Assertions.Expect(developmentRow.Last).ToHaveTextAsync("88.0%");
        var assessmentRow = health.Locator("[data-section-table='health'] tr[data-measure='oc2HealthAssessmentPct'] td");
        await Assertions.Expect(assessmentRow).ToHaveTextAsync(["50.0%", "1", "2", "–"]);
        // The year's figure ends the five-year trend's table.
        await Assertions.Expect(health.Locator("[data-trend='oc2ImmunisationsPct'] tbody tr").Last.Locator("td[data-series='authority']")).ToHaveTextAsync("50.0%");
        Assert.Equal(1, await health.Locator("[data-trend='oc2ImmunisationsPct'] canvas").CountAsync());

        var leavers = page.Locator("section#care-leavers");
        await Assertions.Expect(leavers.Locator("h2")).ToHaveTextAsync("Care leavers");
        await Assertions.Expect(leavers.Locator("#tile-oc3Cohort .tile-value")).ToHaveTextAsync("2");
        await Assertions.Expect(leavers.Locator("#tile-careLeaversInTouchPct .tile-value")).ToHaveTextAsync("100.0%");
        await Assertions.Expect(leavers.Locator("#tile-careLeaversEetPct .tile-value")).ToHaveTextAsync("50.0%");
        await Assertions.Expect(leavers.Locator("#tile-careLeaversStayingPutPct .tile-detail")).ToHaveTextAsync("1 of 1");
        await Assertions.Expect(leavers.Locator("[data-section-table='care-leavers'] tbody tr")).ToHaveCountAsync(6);
        // Both sections sit before the definitions, whose list carries the new measures' texts.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => !!(document.getElementById('care-leavers').compareDocumentPosition(document.querySelector('#report > .definitions')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        await Assertions.Expect(page.Locator("#def-careLeaversEetPct")).ToHaveCountAsync(1);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard-health.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"health and care leavers screenshot: {screenshot}");
    }

    [Fact]
    public async Task without_a_token_the_page_asks_for_one_and_shows_no_figures()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(new Uri(Site, "/").ToString());

        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#report")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task the_page_is_served_without_a_token_but_the_figures_still_need_one()
    {
        using var anonymous = new HttpClient { BaseAddress = Site };

        var pageResponse = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Equal("text/html", pageResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", pageResponse.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/lib/chart.umd.js")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/indicators/committee?year=2025")).StatusCode);
    }

    private async Task ProjectedClaAsync(long expected, string authority = Authority)
    {
        using var reader = IndicatorsClient(authority, Scopes.IndicatorsRead);
        var body = await Eventually.Within(TimeSpan.FromSeconds(20),
            async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
            b => (long?)b["measures"]?["cla"]?["value"] == expected);
        Assert.Equal(expected, (long?)body["measures"]?["cla"]?["value"]);
    }
}
