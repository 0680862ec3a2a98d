using System.IO.Compression;
using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>The dashboard's "Returns" section (wwwroot/returns.js) in Debian's Chromium: the 903 check's count, its
/// findings and the rules run against last year's return, the downloads, with a token carrying returns:read, and what
/// a committee-only token sees.</summary>
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

        // Without last year's export the rules comparing with it are named as not run; with it they run.
        await Assertions.Expect(page.Locator("#returns-not-run")).ToContainTextAsync("503A");
        await Assertions.Expect(page.Locator("#returns-issues")).ToBeHiddenAsync();
        await page.Locator("#returns-last-year-at").FillAsync("2024-06-28T16:00");
        await page.Locator("#returns-last-year button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#returns-not-run")).ToBeEmptyAsync();
        await Assertions.Expect(check).ToHaveAttributeAsync("data-count", "0");

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

        var xml = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-903-xml").ClickAsync());
        Assert.Equal($"ssda903-{authority}-2025.xml", xml.SuggestedFilename);
        Assert.Contains("<CHILDID>ret-1</CHILDID>", await File.ReadAllTextAsync((await xml.PathAsync())!));

        await page.Locator("#annex-a-list").SelectOptionAsync("9");
        var list9 = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-annex-a-csv").ClickAsync());
        Assert.StartsWith($"annex-a-list-9-{authority}-", list9.SuggestedFilename, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_check_lists_what_it_finds_on_a_phone()
    {
        const string authority = "886";
        var writer = Placements.ClientFor(authority, Scopes.PlacementsWrite);
        // No UPN, no MOTHER, no previous permanence and no social worker: the whole-year rules have something to say.
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/ret-2/entered-care", new
        {
            date = "2024-06-10", legalStatus = "C2", categoryOfNeed = "N1",
            placement = new { type = "U4", provider = "PR1", postcode = "DE22 3NE", urn = "SC123456" }, homePostcode = "DE1 1AA",
            child = new { sex = "M", dateOfBirth = "2012-02-01", ethnicity = "WBRI", uasc = false },
        })).StatusCode);
        using var returns = IndicatorsClient(authority, Scopes.ReturnsRead);
        var expected = await Eventually.Within(TimeSpan.FromSeconds(20), async () => await (await returns.GetAsync("/api/returns/903/2025/check")).Body(),
            b => b.AsArray().Count > 0);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        await page.GotoAsync(DashboardAddress("year=2025", authority, Scopes.IndicatorsRead, Scopes.ReturnsRead));
        var rows = page.Locator("#returns-issues tbody tr");
        await Assertions.Expect(page.Locator("#returns-check")).ToHaveAttributeAsync("data-count", expected.AsArray().Count.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 20_000 });
        await Assertions.Expect(rows).ToHaveCountAsync(expected.AsArray().Count);
        await Assertions.Expect(rows.First.Locator("td").First).ToHaveTextAsync((string)expected[0]!["rule"]!);
        await Assertions.Expect(rows.First.Locator("td").Nth(3)).ToHaveTextAsync("ret-2");

        Assert.Equal(375, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        await AssertNoSeriousAxeViolationAsync(page);
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
