using System.IO.Compression;
using System.Net;
using System.Text;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>The dashboard's "Comparisons" (wwwroot/comparisons.js) and "Breakdowns" (wwwroot/breakdowns.js) sections in
/// Debian's Chromium, on a desktop and on a phone.</summary>
public sealed class ComparisonsSectionTests(ServiceStack stack) : DashboardFixture(stack)
{
    private const string Authority = "836";
    private HttpClient Client(params string[] scopes) => IndicatorsClient(Authority, scopes);

    private static async Task<string[]> WiderThanThePhone(IPage page, string section) =>
        await page.EvaluateAsync<string[]>($$"""
            () => [...document.querySelectorAll('#{{section}} *')]
              .filter(e => e.checkVisibility() && e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))
              .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`)
            """);

    [Fact]
    public async Task the_breakdowns_section_shows_the_profile_placed_in_missing_and_iro_tables_and_fits_a_phone()
    {
        // Its own authority: the class's tests share one database. Two children on 31 March 2025, both female, White
        // British, N1: one aged 9 on a full care order fostered, one aged 16 under section 20 in a children's home.
        const string authority = "837";
        var writer = Placements.ClientFor(authority, Scopes.PlacementsWrite);
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/brk-1/entered-care", Requests.EnteredCare(date: "2024-06-10", dateOfBirth: "2015-06-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/brk-2/entered-care",
            Requests.EnteredCare(date: "2024-09-01", legalStatus: "V2", placementType: "K2", dateOfBirth: "2008-05-05"))).StatusCode);
        using var reader = IndicatorsClient(authority, Scopes.IndicatorsRead);
        await Eventually.Within(TimeSpan.FromSeconds(20), async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
            b => (long?)b["measures"]?["cla"]?["value"] == 2);

        var csv = await reader.GetAsync("/api/indicators/breakdowns?year=2025&format=csv");
        Assert.Equal("attachment; filename=\"breakdowns-837-2025-03-31.csv\"", csv.Content.Headers.ContentDisposition?.ToString());
        var text = await csv.Content.ReadAsStringAsync();
        // Two children: every count of 1 or 2 is withheld in the file (SmallNumbers), with its percentage.
        Assert.StartsWith("table,dimension,group,count,pct\r\nprofile,lookedAfter,,c,\r\n", text);
        Assert.Contains("\r\nprofile,legalStatus,fullCareOrder,c,c\r\n", text);
        Assert.Contains("\r\nplacementByLegalStatus,secureChildrensHomes,section20,c,\r\n", text);
        Assert.DoesNotContain("brk-", text);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        await page.GotoAsync(DashboardAddress("year=2025", authority, Scopes.IndicatorsRead));
        await Assertions.Expect(page.Locator("#breakdowns-cla")).ToHaveTextAsync("2 children looked after on 2025-03-31.", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("table[data-breakdown='ageBand'] tr[data-group='16andOver'] td").First).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("table[data-breakdown='sex'] tr[data-group='female'] td")).ToHaveTextAsync(["2", "100.0%"]);
        await Assertions.Expect(page.Locator("table[data-breakdown='placementByLegalStatus'] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("table[data-breakdown='iroCaseloads'] caption")).ToContainTextAsync("2 without an IRO");
        var wider = await WiderThanThePhone(page, "breakdowns");
        Assert.True(wider.Length == 0, "wider than a 375 px phone: " + string.Join("; ", wider));
        Assert.Equal(375, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task the_report_pack_downloads_the_whole_report_as_excel_and_csv_and_prints_the_officers_narrative()
    {
        const string authority = "838";
        var writer = Placements.ClientFor(authority, Scopes.PlacementsWrite);
        Assert.Equal(HttpStatusCode.Created, (await writer.Post("/api/children/pack-1/entered-care", Requests.EnteredCare(date: "2024-06-10"))).StatusCode);
        using var reader = IndicatorsClient(authority, Scopes.IndicatorsRead);
        await Eventually.Within(TimeSpan.FromSeconds(20), async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
            b => (long?)b["measures"]?["cla"]?["value"] == 1);
        var committeeCsv = await reader.GetAsync("/api/indicators/committee?year=2025&format=csv");
        Assert.Equal("attachment; filename=\"committee-838-2025-03-31.csv\"", committeeCsv.Content.Headers.ContentDisposition?.ToString());

        var page = await Browser.NewPageAsync(new() { AcceptDownloads = true });
        await page.GotoAsync(DashboardAddress("year=2025&knownAt=2030-01-01T00:00:00Z", authority, Scopes.IndicatorsRead));
        await Assertions.Expect(page.Locator("#tile-cla .tile-value")).ToHaveTextAsync("1", new() { Timeout = 20_000 });

        var excel = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-pack-xlsx").ClickAsync());
        Assert.Equal("committee-report-838-2025-03-31-known-20300101T000000Z.xlsx", excel.SuggestedFilename);
        using (var xlsx = new ZipArchive(File.OpenRead((await excel.PathAsync())!)))
        {
            Assert.Equal(3, xlsx.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)));
            using var workbook = new StreamReader(xlsx.GetEntry("xl/workbook.xml")!.Open());
            var names = await workbook.ReadToEndAsync();
            Assert.Contains("name=\"Measures\"", names);
            Assert.Contains("name=\"Comparisons\"", names);
            Assert.Contains("name=\"Breakdowns\"", names);
        }
        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-pack-csv").ClickAsync());
        var text = await File.ReadAllTextAsync((await csv.PathAsync())!);
        Assert.StartsWith("# Measures\r\nsection,key,value,", text);
        Assert.Contains("\r\n# Comparisons\r\nmeasure,value,", text);
        Assert.Contains("\r\n# Breakdowns\r\ntable,dimension,group,count,pct\r\nprofile,lookedAfter,,c,", text);

        // The narrative prints as plain text in place of the box it was typed in, with the buttons left out.
        await page.Locator("#narrative").FillAsync("Numbers steady; two new foster carers approved.");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("#narrative-print")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#narrative-print")).ToHaveTextAsync("Numbers steady; two new foster carers approved.");
        await Assertions.Expect(page.Locator("#narrative")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#print-pack")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task the_comparisons_section_shows_each_set_as_published_at_the_instant_and_fits_a_phone()
    {
        var writer = Placements.ClientFor(Authority, Scopes.PlacementsWrite);
        foreach (var child in new[] { "cmp-1", "cmp-2" })
            Assert.Equal(HttpStatusCode.Created, (await writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2021-06-10"))).StatusCode);
        using var reader = Client(Scopes.IndicatorsRead);
        await Eventually.Within(TimeSpan.FromSeconds(20), async () => await (await reader.GetAsync("/api/indicators/committee?year=2022")).Body(),
            b => (long?)b["measures"]?["cla"]?["value"] == 2);

        using var admin = Client(Scopes.Admin);
        const string header = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,population_count,number\n";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/indicators/reference/published?release=CLA%202022&publishedOn=2022-11-17", Csv(header +
            "2022,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March,\"82,170\"\n" +
            "2022,Reporting year,Local authority,E92000001,England,E12000002,North West,E06000008,889,Blackburn,Children looked after at 31 March,400\n" +
            "2022,Reporting year,Local authority,E92000001,England,E12000002,North West,E06000009,836,Here,Children looked after at 31 March,2\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/indicators/reference/published?release=CLA%202023&publishedOn=2023-12-14", Csv(header +
            "2022,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March,\"82,080\"\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/indicators/reference/neighbours", Csv("authority\n889\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/indicators/reference/targets", Csv("measure,year,target,better\ncla,2022,5,lower\n"))).StatusCode);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(DashboardAddress("year=2022&knownAt=2023-07-31T23:59:59Z", Authority, Scopes.IndicatorsRead));
        var cla = page.Locator("#comparisons-table tr[data-measure='cla']");
        await Assertions.Expect(cla.Locator("td[data-series='england'] .comparison-value")).ToHaveTextAsync("82,170", new() { Timeout = 20_000 });
        // Region North West: 889 and 836 itself, (400 + 2) / 2 = 201; neighbour 889 alone: 400. Two against five or fewer: met.
        await Assertions.Expect(cla.Locator("td[data-series='region']")).ToContainTextAsync("201");
        await Assertions.Expect(cla.Locator("td[data-series='region']")).ToContainTextAsync("2 of 2");
        await Assertions.Expect(cla.Locator("td[data-series='neighbours'] .comparison-value")).ToHaveTextAsync("400");
        await Assertions.Expect(cla.Locator("td[data-series='met']")).ToHaveTextAsync("Met");

        // Known now: the 2023 release's revision.
        await page.GotoAsync(new Uri(Site, "/?year=2022").ToString());
        await Assertions.Expect(cla.Locator("td[data-series='england'] .comparison-value")).ToHaveTextAsync("82,080", new() { Timeout = 20_000 });

        var phone = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        await phone.GotoAsync(DashboardAddress("year=2022", Authority, Scopes.IndicatorsRead));
        await Assertions.Expect(phone.Locator("#comparisons-table tr[data-measure='cla'] td[data-series='met']")).ToHaveTextAsync("Met", new() { Timeout = 20_000 });
        var wider = await WiderThanThePhone(phone, "comparisons");
        Assert.True(wider.Length == 0, "wider than a 375 px phone: " + string.Join("; ", wider));
        Assert.Equal(375, await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
    }
}
