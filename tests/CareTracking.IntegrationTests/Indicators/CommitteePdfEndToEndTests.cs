using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.Indicators.ReportPack;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using static CareTracking.IntegrationTests.Indicators.IndicatorsScenario;

namespace CareTracking.IntegrationTests.Indicators;

/// <summary>
/// The committee report as a PDF made by the service: its text (read back with PdfPig) carries the committee JSON's
/// headline figures for the same window and instant, small numbers as c, and the narrative posted with it; a bad
/// window is a 422 problem; the scope is the committee's and, as for the other committee routes, nothing is audited.
/// </summary>
public sealed class CommitteePdfEndToEndTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    private static string PdfTextOf(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    /// <summary>Each headline of the JSON as the PDF must print it: its label, then its value, or c where withheld.</summary>
    private static IEnumerable<string> Headlines(JsonNode report)
    {
        var withheld = report["withheld"]!.AsArray().Select(k => (string?)k).ToHashSet();
        foreach (var figure in CommitteePdfSections.Headlines)
            yield return $"{figure.Label} {(withheld.Contains(figure.Key) ? "c" : CommitteePdf.Format(figure.Key, Value(report, figure.Key)))} ";
    }

    [Fact]
    public async Task the_pdf_carries_the_json_headline_figures_for_the_same_window_and_instant_with_the_narrative()
    {
        await using var s = new IndicatorsScenario(stack, placements, indicators, "884");
        foreach (var child in new[] { "P1", "P2", "P3", "P4", "P5" }) await s.Entered(child, "2021-06-01");
        await s.Ceased("P5", "2022-01-10", "E4A");
        var json = await s.Committee("asAt=2022-03-31", r => Value(r, "cla") == 4 && Value(r, "ceased") == 1);
        var knownAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // P6 is then recorded after the instant, whatever the clock's resolution
        await s.Entered("P6", "2021-07-01"); // recorded after knownAt: in the report known now, not in the one known then

        var now = await s.Committee("asAt=2022-03-31", r => Value(r, "cla") == 5);
        var response = await s.Reader.PostAsync("/api/indicators/committee/report.pdf?asAt=2022-03-31",
            new StringContent("The rise in children looked after follows two sibling groups.\nThe committee is asked to note it.", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("committee-report-884-2022-03-31.pdf", response.Content.Headers.ContentDisposition?.FileName);
        var text = PdfTextOf(await response.Content.ReadAsByteArrayAsync());
        foreach (var headline in Headlines(now)) Assert.Contains(headline, text);
        Assert.Contains("Children looked after 5 ", text);
        Assert.Contains("Ceased to be looked after c ", text); // one child ceased: withheld in the paper
        Assert.Contains("The rise in children looked after follows two sibling groups. The committee is asked to note it.", text);

        // As known at the instant: the JSON's figures then, and the instant in the name and on the page.
        var instant = Uri.EscapeDataString(knownAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        var then = await (await s.Reader.GetAsync($"/api/indicators/committee?asAt=2022-03-31&knownAt={instant}")).Body();
        Assert.Equal(4m, Value(then, "cla"));
        var pdfThen = await s.Reader.GetAsync($"/api/indicators/committee/report.pdf?asAt=2022-03-31&knownAt={instant}");
        Assert.Equal(HttpStatusCode.OK, pdfThen.StatusCode);
        Assert.StartsWith("committee-report-884-2022-03-31-known-", pdfThen.Content.Headers.ContentDisposition?.FileName);
        var textThen = PdfTextOf(await pdfThen.Content.ReadAsByteArrayAsync());
        foreach (var headline in Headlines(then)) Assert.Contains(headline, textThen);
        Assert.Contains("Children looked after 4 ", textThen);
        Assert.Contains("Space for the officer's narrative.", textThen);
        Assert.Contains($"As known at {knownAt.UtcDateTime:d MMMM yyyy HH:mm:ss} UTC", textThen);
        foreach (var headline in Headlines(json)) Assert.Contains(headline, textThen); // nothing else was recorded by then
    }

    [Fact]
    public async Task a_bad_window_or_a_long_narrative_is_a_422_problem_and_the_scope_and_audit_are_the_committee_routes()
    {
        await using var s = new IndicatorsScenario(stack, placements, indicators, "885");
        var badDay = await s.Reader.GetAsync("/api/indicators/committee/report.pdf?asAt=2022-02-30");
        var badInstant = await s.Reader.PostAsync("/api/indicators/committee/report.pdf?asAt=2022-03-31&knownAt=2022-07-01",
            new StringContent("narrative", Encoding.UTF8, "text/plain"));
        var tooLong = await s.Reader.PostAsync("/api/indicators/committee/report.pdf?asAt=2022-03-31",
            new StringContent(new string('x', CommitteePdfApi.LongestNarrative + 1), Encoding.UTF8, "text/plain"));

        foreach (var (refused, field) in new[] { (badDay, "asAt"), (badInstant, "knownAt"), (tooLong, "narrative") })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(field, (string?)(await refused.Body())["field"]);
        }

        // The committee JSON's scope: an IRO manager's token (reviews:read) is refused both, no token is 401.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.IroReader.GetAsync("/api/indicators/committee?asAt=2022-03-31")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.IroReader.GetAsync("/api/indicators/committee/report.pdf?asAt=2022-03-31")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.IroReader.PostAsync("/api/indicators/committee/report.pdf?asAt=2022-03-31", new StringContent(""))).StatusCode);
        using var anonymous = indicators.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/indicators/committee/report.pdf?asAt=2022-03-31")).StatusCode);

        // Counts only, like the committee JSON: no child-read audit rows, even with children in the report; the only
        // rows are the IRO manager's three refusals above, each a denial under no child.
        await s.Entered("Q1", "2021-06-01");
        await s.Committee("asAt=2022-03-31", r => Value(r, "cla") == 1);
        Assert.Equal(HttpStatusCode.OK, (await s.Reader.GetAsync("/api/indicators/committee/report.pdf?asAt=2022-03-31")).StatusCode);
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where authority = '885' and what not like 'denied:%'"));
        Assert.Equal(3, await stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where authority = '885' and what like 'denied:%' and child_id = '*'"));
    }
}
