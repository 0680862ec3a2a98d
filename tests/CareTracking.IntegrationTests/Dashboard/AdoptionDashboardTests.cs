using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's "Adoption and permanence" section (wwwroot/adoption.js) in Debian's Chromium, with an adoption
/// journey, a reversed decision and three social workers posted to Placements. Authority 835, used by no other test.
/// </summary>
public sealed class AdoptionDashboardTests(ServiceStack stack) : DashboardFixture(stack)
{
    private const string Authority = "835";
    private async Task Post(string url, object body)
    {
        var response = await Placements.ClientFor(Authority, Scopes.PlacementsWrite).Post(url, body);
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
}
