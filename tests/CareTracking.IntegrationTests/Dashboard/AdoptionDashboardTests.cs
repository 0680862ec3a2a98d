using System.Net;
using System.Text;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's "Adoption and permanence" section (wwwroot/adoption.js) in Debian's Chromium, with an adoption
/// journey, a reversed decision and three social workers posted to Placements. Authority 835, used by no other test.
/// </summary>
public sealed class AdoptionDashboardTests(ServiceStack stack) : DashboardFixture(stack)
{
    private const string Authority = "835";
    private async Task Post(string url, object body, string authority = Authority)
    {
        var response = await Placements.ClientFor(authority, Scopes.PlacementsWrite).Post(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static object Placement(string type) => new { type, provider = "PR1", postcode = "DE22 3NE", urn = "SC123456" };

    [Fact]
    public async Task the_adoption_section_shows_the_scorecard_against_its_thresholds_reversals_by_reason_and_social_workers()
    {
        // A: entered 01/06/2023, E1 01/01/2024, matched 01/03/2024, placed A6 15/04/2024 (319 days), adopted 01/12/2024.
        await Post("/api/children/A/entered-care", Requests.EnteredCare(date: "2023-06-01", dateOfBirth: "2019-01-01"));
        await Post("/api/children/A/adoption-decisions", new { date = "2023-10-01" });
        await Post("/api/children/A/legal-status-changes", new { date = "2024-01-01", legalStatus = "E1" });
        await Post("/api/children/A/adoption-matches", new { date = "2024-03-01", numberOfAdopters = 2, adopterSex = "MF", adopterLegalStatus = "L11", formerFosterCarers = false });
        await Post("/api/children/A/placement-moves", new { date = "2024-04-15", placement = Placement("A6"), sameCarer = false, reason = "CARPL" });
        await Post("/api/children/A/ceased-care", new { date = "2024-12-01", reason = "E12" });
        // C: decision reversed (RD3), decided again 01/11/2024, waiting on 31/03/2025; three social workers in the year.
        await Post("/api/children/C/entered-care", Requests.EnteredCare(date: "2024-04-10", dateOfBirth: "2021-05-05"));
        await Post("/api/children/C/adoption-decisions", new { date = "2024-06-01" });
        await Post("/api/children/C/adoption-decision-reversals", new { date = "2024-09-01", reason = "RD3" });
        await Post("/api/children/C/adoption-decisions", new { date = "2024-11-01" });
        await Post("/api/children/C/social-workers", new { from = "2024-04-10", socialWorkerId = "SW2", reason = "FCONTA" });
        await Post("/api/children/C/social-workers", new { from = "2024-08-01", socialWorkerId = "SW3", reason = "LEFTRL" });
        await Post("/api/children/C/social-workers", new { from = "2024-12-01", socialWorkerId = "XX4", reason = "ABSENC" });

        using (var reader = IndicatorsClient(Authority, Scopes.IndicatorsRead))
        {
            await Eventually.Within(TimeSpan.FromSeconds(20),
                async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
                b => (long?)b["measures"]?["socialWorkerThreePlusPct"]?["numerator"] == 1 && (long?)b["measures"]?["adoptions"]?["value"] == 1);
        }

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(DashboardAddress("year=2025", Authority, Scopes.IndicatorsRead));

        var section = page.Locator("#adoption");
        await Assertions.Expect(section.Locator("h2")).ToHaveTextAsync("Adoption and permanence", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#tile-adoptionA1Days .tile-value")).ToHaveTextAsync("319");
        // 319 - 426 = -107; the three years hold A only.
        await Assertions.Expect(page.Locator("#tile-adoptionA1Days .tile-detail[data-threshold='426']"))
            .ToHaveTextAsync("1 children; threshold 426 (−107); 3 years: 319 over 1 children (−107)");
        await Assertions.Expect(page.Locator("#tile-adoptionA2Days .tile-value")).ToHaveTextAsync("60");
        await Assertions.Expect(page.Locator("#tile-adoptionDecisionNotPlaced .tile-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#tile-adoptionDecisionNotPlacedAvgDays .tile-value")).ToHaveTextAsync("150");
        await Assertions.Expect(page.Locator("#adoption-reversals tr[data-reason='RD3'] td").First).ToHaveTextAsync("100.0%");
        await Assertions.Expect(page.Locator("#tile-socialWorkerThreePlusPct .tile-value")).ToHaveTextAsync("100.0%");
        // The section sits before the definitions, whose list carries its measures.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => !!(document.getElementById('adoption').compareDocumentPosition(document.querySelector('section.definitions')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        await Assertions.Expect(page.Locator("#def-adoptionA10Days")).ToHaveCountAsync(1);
    }

    /// <summary>
    /// Authority 834 in East Midlands (E12000004): child A as above, adopted 01/12/2024 after 319 days (A1 and its three
    /// years). The scorecard's three-year averages for 2025: 834 = 330, 830 = 420, 856 = 510, 892 suppressed (c); England
    /// 461. Region: (330 + 420 + 510) / 3 = 420 from 3 of 4; neighbours 856 and 873: 510 from 1 of 2.
    /// </summary>
    [Fact]
    public async Task the_adoption_section_charts_each_measures_trend_and_sets_its_three_year_averages_beside_region_and_neighbours_on_a_phone()
    {
        const string authority = "834";
        await Post("/api/children/A/entered-care", Requests.EnteredCare(date: "2023-06-01", dateOfBirth: "2019-01-01"), authority);
        await Post("/api/children/A/adoption-decisions", new { date = "2023-10-01" }, authority);
        await Post("/api/children/A/legal-status-changes", new { date = "2024-01-01", legalStatus = "E1" }, authority);
        await Post("/api/children/A/adoption-matches", new { date = "2024-03-01", numberOfAdopters = 2, adopterSex = "MF", adopterLegalStatus = "L11", formerFosterCarers = false }, authority);
        await Post("/api/children/A/placement-moves", new { date = "2024-04-15", placement = Placement("A6"), sameCarer = false, reason = "CARPL" }, authority);
        await Post("/api/children/A/ceased-care", new { date = "2024-12-01", reason = "E12" }, authority);
        using (var reader = IndicatorsClient(authority, Scopes.IndicatorsRead))
            await Eventually.Within(TimeSpan.FromSeconds(20), async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
                b => (long?)b["measures"]?["adoptions"]?["value"] == 1);

        using (var admin = IndicatorsClient(authority, Scopes.Admin))
        {
            const string la = "2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,";
            var scorecard = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,measure,value\n"
                + "2025,Reporting year,National,E92000001,England,,,,,,adoptionA1Days3y,461\n"
                + la + "E06000001,834,Here,adoptionA1Days3y,330\n" + la + "E10000007,830,Derbyshire,adoptionA1Days3y,420\n"
                + la + "E06000016,856,Leicester,adoptionA1Days3y,510\n" + la + "E06000018,892,Nottingham,adoptionA1Days3y,c\n";
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/indicators/reference/published?release=Adoption%20scorecards%202022-25&publishedOn=2025-12-04",
                new StringContent(scorecard, Encoding.UTF8, "text/csv"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/indicators/reference/neighbours",
                new StringContent("authority\n856\n873\n", Encoding.UTF8, "text/csv"))).StatusCode);
        }

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        await page.GotoAsync(DashboardAddress("year=2025", authority, Scopes.IndicatorsRead));
        var a1 = page.Locator("#adoption-comparators-table tr[data-measure='adoptionA1Days3y']");
        await Assertions.Expect(a1.Locator("td[data-series='region']")).ToHaveTextAsync("420 (3 of 4 authorities with a figure)", new() { Timeout = 20_000 });
        await Assertions.Expect(a1.Locator("td[data-series='neighbours']")).ToHaveTextAsync("510 (1 of 2 authorities with a figure)");
        await Assertions.Expect(a1.Locator("td").First).ToHaveTextAsync("319 (1 children)");
        await Assertions.Expect(a1.Locator("td").Nth(1)).ToHaveTextAsync("461 (2024/25)");
        // A2 and A10: no authority's figure loaded, so dashes rather than a set of none.
        await Assertions.Expect(page.Locator("#adoption-comparators-table tr[data-measure='adoptionA2Days3y'] td[data-series='region']")).ToHaveTextAsync("–");

        // Each scorecard measure's trend over the five years, as a chart with its table: 319 days in 2024/25, none before.
        var trend = page.Locator("#adoption-trends figure[data-trend='adoptionA1Days']");
        await Assertions.Expect(trend.Locator("canvas")).ToBeVisibleAsync();
        await Assertions.Expect(trend.Locator("td[data-series='authority']")).ToHaveTextAsync(["–", "–", "–", "–", "319"]);
        await Assertions.Expect(page.Locator("#adoption-trends figure[data-trend='adoptionA1Days3y'] td[data-series='authority']").Last).ToHaveTextAsync("319");
        await Assertions.Expect(page.Locator("#adoption-trends figure[data-trend='adoptions'] td[data-series='authority']").Last).ToHaveTextAsync("1");

        await AssertFitsAPhoneAsync(page, "adoption", insideScrollBoxes: false);

        await AssertNoSeriousAxeViolationAsync(page);
    }
}
