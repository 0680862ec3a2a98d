using System.IO.Compression;
using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>The dashboard's "Returns" section (wwwroot/returns.js) in Debian's Chromium: the 903 check's count and
/// the downloads, with a token carrying returns:read, and what a committee-only token sees.</summary>
public sealed class ReturnsSectionTests(ServiceStack stack) : DashboardFixture(stack)
{
    [Fact]
    public async Task the_returns_section_shows_the_check_count_and_downloads_the_903_zip_and_annex_a()
    {
        const string authority = "834";
        var writer = Placements.ClientFor(authority, Scopes.PlacementsWrite);
        // A clean child: her UPN, MOTHER and previous permanence given (903 rules 442, 393, 630), and a social worker (SW01).
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/ret-1/entered-care", new
        {
            date = "2024-06-10", legalStatus = "C2", categoryOfNeed = "N1",
            placement = new { type = "U4", provider = "PR1", postcode = "DE22 3NE", urn = "SC123456" }, homePostcode = "DE1 1AA",
            child = new { sex = "F", dateOfBirth = "2015-06-01", ethnicity = "WBRI", uasc = false, upn = "A123456789012", mother = false },
            previousPermanence = new { option = "Z1" },
        })).StatusCode);
        // And her social worker from that day (SW01: a child looked after on 31 March from 2023/24 needs one).
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/ret-1/social-workers",
            new { from = "2024-06-10", socialWorkerId = "SW123", reason = "FCONTA" })).StatusCode);
        using var reader = IndicatorsClient(authority, Scopes.IndicatorsRead);
        await Eventually.Within(TimeSpan.FromSeconds(20), async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
            b => (long?)b["measures"]?["cla"]?["value"] == 1);

        var page = await Browser.NewPageAsync(new() { AcceptDownloads = true });
        await page.GotoAsync(DashboardAddress("year=2025", authority, Scopes.IndicatorsRead, Scopes.ReturnsRead));

        var check = page.Locator("#returns-check");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-count", "0", new() { Timeout = 20_000 });
        await Assertions.Expect(check).ToContainTextAsync("finds no problem");
        await Assertions.Expect(page.Locator("#returns-year")).ToHaveTextAsync("2024/25");

        var zip = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-903").ClickAsync());
        Assert.Equal($"ssda903-{authority}-2025.zip", zip.SuggestedFilename);
        using (var archive = new ZipArchive(File.OpenRead((await zip.PathAsync())!)))
        {
            using var header = new StreamReader(archive.GetEntry("header.csv")!.Open());
            Assert.Equal("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nret-1,F,01/06/2015,WBRI,A123456789012,0,\r\n", await header.ReadToEndAsync());
            Assert.NotNull(archive.GetEntry("NOT-PRODUCED.txt"));
        }

        var workbook = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-annex-a-xlsx").ClickAsync());
        Assert.Equal($"annex-a-list-8-{authority}-2025-03-31.xlsx", workbook.SuggestedFilename);
        using (var xlsx = new ZipArchive(File.OpenRead((await workbook.PathAsync())!)))
            Assert.Contains(xlsx.Entries, e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#returns-status")).ToContainTextAsync("Downloaded annex-a-list-8-");
    }

    [Fact]
    public async Task a_committee_token_is_told_the_returns_need_their_own_scope()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(DashboardAddress("year=2025", "835", Scopes.IndicatorsRead));
        await Assertions.Expect(page.Locator("#returns-check")).ToContainTextAsync("returns:read", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#returns-check")).Not.ToHaveAttributeAsync("data-count", new System.Text.RegularExpressions.Regex(".*"));
    }
}
