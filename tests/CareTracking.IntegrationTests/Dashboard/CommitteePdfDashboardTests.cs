using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CareTracking.IntegrationTests.Dashboard;

/// <summary>The report pack's "Download PDF" (wwwroot/reportpack.js) in Debian's Chromium on a 375 px phone: the PDF the
/// service makes for the year and instant shown, with the narrative typed on the page printed in it.</summary>
public sealed class CommitteePdfDashboardTests(ServiceStack stack) : DashboardFixture(stack)
{
    private const string Authority = "886";

    [Fact]
    public async Task download_pdf_saves_the_services_pdf_with_the_narrative_typed_on_the_page_and_fits_a_phone()
    {
        var writer = Placements.ClientFor(Authority, Scopes.PlacementsWrite);
        foreach (var child in new[] { "pdf-1", "pdf-2", "pdf-3" })
            Assert.Equal(HttpStatusCode.Created, (await writer.Post($"/api/children/{child}/entered-care", Requests.EnteredCare(date: "2024-06-10"))).StatusCode);
        using var reader = IndicatorsClient(Authority, Scopes.IndicatorsRead);
        await Eventually.Within(TimeSpan.FromSeconds(20), async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
            b => (long?)b["measures"]?["cla"]?["value"] == 3);

        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 }, AcceptDownloads = true });
        await page.GotoAsync(DashboardAddress("year=2025&knownAt=2030-01-01T00:00:00Z", Authority, Scopes.IndicatorsRead));
        await Assertions.Expect(page.Locator("#tile-cla .tile-value")).ToHaveTextAsync("3", new() { Timeout = 20_000 });
        await page.Locator("#narrative").FillAsync("Three children came into care in June; all are placed with in-house carers.");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download PDF" }).ClickAsync());
        Assert.Equal("committee-report-886-2025-03-31-known-20300101T000000Z.pdf", download.SuggestedFilename);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync((await download.PathAsync())!)))
        {
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Children looked after 3 ", text);
            Assert.Contains("Three children came into care in June; all are placed with in-house carers.", text);
            Assert.Contains("As known at 1 January 2030 00:00:00 UTC", text);
        }
        await Assertions.Expect(page.Locator("#reportpack-status")).ToHaveTextAsync("Downloaded committee-report-886-2025-03-31-known-20300101T000000Z.pdf.");

        await AssertFitsAPhoneAsync(page, "reportpack");
        await AssertNoSeriousAxeViolationAsync(page);
    }
}
