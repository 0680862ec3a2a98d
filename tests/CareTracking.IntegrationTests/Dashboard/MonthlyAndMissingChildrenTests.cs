using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.ServiceDefaults.Auth;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's "Month by month" (wwwroot/monthly.js) and child-level missing list (wwwroot/missing-children.js)
/// sections in Debian's Chromium on a 375 px phone, with care posted to Placements and missing episodes to Missing
/// episodes over HTTP. Authority 831 (this class's own database).
/// </summary>
public sealed class MonthlyAndMissingChildrenTests(ServiceStack stack) : DashboardFixture(stack)
{
    private const string Authority = "831";
    // Started once for the class's stack, which disposes it (as Placements): a host disposed after one test would be
    // handed, dead, to the next by Stack.Start.
    private readonly ServiceHost<MissingEpisodesHost> missing = stack.Start<MissingEpisodesHost>();

    private async Task Created(HttpClient client, string url, object body)
    {
        var response = await client.Post(url, body);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task AssertFitsThePhoneAndPassesAxe(IPage page, string section)
    {
        await AssertFitsAPhoneAsync(page, section, insideScrollBoxes: false);
        await AssertNoSeriousAxeViolationAsync(page);
    }

    /// <summary>
    /// A entered care 10/06/2024; B entered 01/09/2024 and left 15/12/2024. Children looked after at each month end of
    /// 2024/25: April and May 0, June to August 1, September to November 2, December to March 1.
    /// </summary>
    [Fact]
    public async Task the_monthly_chart_shows_the_measure_at_each_month_end_of_the_year_and_fits_a_phone()
    {
        var writer = Placements.ClientFor(Authority, Scopes.PlacementsWrite);
        await Created(writer, "/api/children/mon-A/entered-care", Requests.EnteredCare(date: "2024-06-10"));
        await Created(writer, "/api/children/mon-B/entered-care", Requests.EnteredCare(date: "2024-09-01"));
        await Created(writer, "/api/children/mon-B/ceased-care", new { date = "2024-12-15", reason = "E4A" });
        using (var reader = IndicatorsClient(Authority, Scopes.IndicatorsRead))
            await Eventually.Within(TimeSpan.FromSeconds(20), async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
                b => (long?)b["measures"]?["cla"]?["value"] == 1 && (long?)b["measures"]?["ceased"]?["value"] == 1);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        await page.GotoAsync(DashboardAddress("year=2025", Authority, Scopes.IndicatorsRead));
        var values = page.Locator("#monthly-table tbody td:nth-of-type(1)");
        await Assertions.Expect(values).ToHaveTextAsync(["0", "0", "1", "1", "1", "2", "2", "2", "1", "1", "1", "1"], new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#monthly-table tbody th").First).ToHaveTextAsync("Apr 2024");
        await Assertions.Expect(page.Locator("#monthly-chart canvas")).ToBeVisibleAsync();
        // The section sits after the five-year trends.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => document.getElementById('trends').closest('section').nextElementSibling === document.getElementById('monthly')"));

        // Another measure and range: started in the 12 months to each month end, Nov 2024 to Jan 2025: 2, 2, 2.
        await page.Locator("#monthly-measure").SelectOptionAsync("started");
        await page.Locator("#monthly-from").FillAsync("2024-11");
        await page.Locator("#monthly-to").FillAsync("2025-01");
        await page.Locator("#monthly-form button[type=submit]").ClickAsync();
        await Assertions.Expect(values).ToHaveTextAsync(["2", "2", "2"], new() { Timeout = 30_000 });

        await AssertFitsThePhoneAndPassesAxe(page, "monthly");
    }

    /// <summary>
    /// mis-1 went missing twice (high risk, criminal exploitation known at the first report), mis-2 once (medium), all
    /// back within hours and none interviewed. A
    /// committee token never sees the section and causes no read; a token with missing:read sees it, and asking for the
    /// list shows both children and audits each.
    /// </summary>
    [Fact]
    public async Task the_missing_children_list_is_shown_only_to_a_token_with_missing_read_and_audits_each_child_listed()
    {
        const string authority = "832";
        var writer = Placements.ClientFor(authority, Scopes.PlacementsWrite);
        foreach (var child in new[] { "mis-1", "mis-2" })
        {
            await Created(writer, $"/api/children/{child}/entered-care", MissingRequests.EnteredCare("2024-05-01", "DE22 3NE"));
            var noted = await Eventually.Within(TimeSpan.FromSeconds(45),
                () => Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '{authority}' and stream_id = 'missing:{child}' and type = 'missing.care-period-noted.v1'"),
                n => n > 0);
            Assert.True(noted > 0, $"Missing episodes never noted that {child} entered care; stored: "
                + await Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '{authority}'") + " events, "
                + await Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '{authority}' and stream_id like 'missing:%'") + " in missing streams, "
                + await Stack.ScalarAsync("select count(*) from eventstore.ct_outbox") + " outbox rows.");
        }
        var reporter = missing.ClientFor(authority, Scopes.MissingWrite, Scopes.MissingRead);
        static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        var first = await reporter.Post("/api/missing-episodes", MissingRequests.Report("mis-1", At("2024-06-01T20:00:00Z"), riskLevel: "high", criminal: true));
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        await Created(reporter, $"/api/missing-episodes/{(string)(await first.Body())["episodeId"]!}/return", MissingRequests.Return(At("2024-06-02T04:00:00Z")));
        await Created(reporter, "/api/missing-episodes", MissingRequests.ReportAfterReturn("mis-1", At("2024-07-01T10:00:00Z"), At("2024-07-01T16:00:00Z")));
        await Created(reporter, "/api/missing-episodes", MissingRequests.ReportAfterReturn("mis-2", At("2024-08-01T10:00:00Z"), At("2024-08-01T16:00:00Z")));
        using (var reader = IndicatorsClient(authority, Scopes.IndicatorsRead))
            await Eventually.Within(TimeSpan.FromSeconds(30), async () => await (await reader.GetAsync("/api/indicators/breakdowns?year=2025")).Body(),
                b => (int?)b["missing"]?["incidents"] == 3);
        var audited = $"select count(*) from eventstore.ct_child_read_audit where authority = '{authority}' and what = 'indicators.missing-children'";

        // The committee's token: no section, and nothing read or refused in the audit.
        var committee = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        await committee.GotoAsync(DashboardAddress("year=2025", authority, Scopes.IndicatorsRead));
        await Assertions.Expect(committee.Locator("#missing-tiles #tile-missingIncidents .tile-value")).ToHaveTextAsync("3", new() { Timeout = 20_000 });
        await Assertions.Expect(committee.Locator("#missing-children")).ToHaveCountAsync(0);
        Assert.Equal(0, await Stack.ScalarAsync($"select count(*) from eventstore.ct_child_read_audit where authority = '{authority}'"));

        // A token with missing:read: the section, and the list only when asked for.
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        await page.GotoAsync(DashboardAddress("year=2025", authority, Scopes.IndicatorsRead, Scopes.MissingRead));
        await Assertions.Expect(page.Locator("#missing-children h2")).ToHaveTextAsync("Children who went missing", new() { Timeout = 20_000 });
        Assert.Equal(0, await Stack.ScalarAsync(audited));
        await page.Locator("#show-missing-children").ClickAsync();
        var rows = page.Locator("#missing-children-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(rows.First.Locator("th")).ToHaveTextAsync("mis-1");
        await Assertions.Expect(rows.First.Locator("td")).ToHaveTextAsync(["2", "high", "Yes", "No", "2", "0"]); // two returns, no interview
        await Assertions.Expect(rows.Nth(1).Locator("th")).ToHaveTextAsync("mis-2");
        Assert.Equal(2, await Stack.ScalarAsync(audited));
        // The section sits after "Missing from care and return interviews".
        Assert.True(await page.EvaluateAsync<bool>(
            "() => document.getElementById('missing-tiles').closest('section').nextElementSibling === document.getElementById('missing-children')"));

        await AssertFitsThePhoneAndPassesAxe(page, "missing-children");
    }

    /// <summary>
    /// One child looked after on 31 March 2025. The committee JSON keeps the 1 and names cla among the withheld keys;
    /// with "Withhold counts of 1–2" (withhold=1 in the address) the tile and the trend's table show c as the CSV does,
    /// and unticking it shows 1 again and drops withhold from the address.
    /// </summary>
    [Fact]
    public async Task with_small_numbers_withheld_the_dashboard_shows_c_where_the_files_do()
    {
        const string authority = "833";
        await Created(Placements.ClientFor(authority, Scopes.PlacementsWrite), "/api/children/small-1/entered-care", Requests.EnteredCare(date: "2024-06-10"));
        using (var reader = IndicatorsClient(authority, Scopes.IndicatorsRead))
        {
            var report = await Eventually.Within(TimeSpan.FromSeconds(20), async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
                b => (long?)b["measures"]?["cla"]?["value"] == 1);
            Assert.Contains("cla", report["withheld"]!.AsArray().Select(k => (string?)k));
            Assert.Equal(1, (int?)report["measures"]!["cla"]!["value"]);
            Assert.Contains("\r\nmeasure,cla,c,c,,", await (await reader.GetAsync("/api/indicators/committee?year=2025&format=csv")).Content.ReadAsStringAsync());
            // A target gives cla a comparisons row; its JSON, the breakdowns' and the monthly trend's name what they withhold.
            using var admin = IndicatorsClient(authority, Scopes.Admin);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.PutAsync("/api/indicators/reference/targets",
                new System.Net.Http.StringContent("measure,year,target,better\ncla,2025,5,lower\n", System.Text.Encoding.UTF8, "text/csv"))).StatusCode);
            Assert.Contains("cla", (await (await reader.GetAsync("/api/indicators/comparisons?year=2025")).Body())["withheld"]!.AsArray().Select(k => (string?)k));
            Assert.Contains("profile.lookedAfter", (await (await reader.GetAsync("/api/indicators/breakdowns?year=2025")).Body())["withheld"]!.AsArray().Select(k => (string?)k));
            var monthly = await (await reader.GetAsync("/api/indicators/trend/monthly?measure=cla&from=2024-04&to=2025-03")).Body();
            Assert.Equal(["2024-06-30", "2024-07-31", "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31", "2025-01-31", "2025-02-28", "2025-03-31"],
                monthly["withheld"]!.AsArray().Select(d => (string?)d));
        }

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        await page.GotoAsync(DashboardAddress("year=2025&withhold=1", authority, Scopes.IndicatorsRead));
        await Assertions.Expect(page.Locator("#tiles #tile-cla .tile-value")).ToHaveTextAsync("c", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#withhold-small")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#trends figure[data-trend='cla'] td[data-series='authority']").Last).ToHaveTextAsync("c");
        // The sections that read other answers withhold the same way: comparisons (ours and the met mark), breakdowns, months.
        await Assertions.Expect(page.Locator("#comparisons-table tr[data-measure='cla'] td[data-series='ours']")).ToHaveTextAsync("c");
        await Assertions.Expect(page.Locator("#comparisons-table tr[data-measure='cla'] td[data-series='met']")).ToHaveTextAsync("c");
        await Assertions.Expect(page.Locator("#breakdowns-cla")).ToHaveTextAsync("c children looked after on 2025-03-31.");
        await Assertions.Expect(page.Locator("table[data-breakdown='sex'] tbody td")).ToHaveTextAsync(["c", "c"]);
        await Assertions.Expect(page.Locator("#monthly-table tr[data-as-at='2025-03-31'] td").First).ToHaveTextAsync("c");
        await Assertions.Expect(page.Locator("#monthly-table tr[data-as-at='2024-05-31'] td").First).ToHaveTextAsync("0");
        await AssertFitsThePhoneAndPassesAxe(page, "report");

        await page.Locator("#withhold-small").UncheckAsync();
        await Assertions.Expect(page.Locator("#tiles #tile-cla .tile-value")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        Assert.DoesNotContain("withhold=", page.Url);
        await Assertions.Expect(page.Locator("#breakdowns-cla")).ToHaveTextAsync("1 children looked after on 2025-03-31.");
        await Assertions.Expect(page.Locator("#comparisons-table tr[data-measure='cla'] td[data-series='met']")).ToHaveTextAsync("Met");
    }
}
