using System.Net;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Indicators;

/// <summary>
/// The committee's missing analysis from facts posted to the real services: care through Placements, episodes, risk
/// changes, returns and return interviews through Missing episodes over HTTP, read back from Indicators' breakdowns
/// (found area, highest risk level, exploitation risk, interviews completed within 72 hours of the return).
/// </summary>
public sealed class MissingAnalysisEndToEndTests(MissingServices fixture) : IClassFixture<MissingServices>, IAsyncLifetime
{
    private const string Authority = "861";
    private readonly MissingStack services = fixture.Services;
    private ServiceHost<IndicatorsHost> indicators = null!;

    public Task InitializeAsync()
    {
        indicators = fixture.Start<IndicatorsHost>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (indicators is not null) await indicators.DisposeAsync();
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> Post(string url, object body)
    {
        var response = await services.MissingClient(Authority).Post(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return url == "/api/missing-episodes" ? (string)(await response.Body())["episodeId"]! : text;
    }

    [Fact]
    public async Task the_breakdowns_count_incidents_by_found_area_risk_level_and_exploitation_and_interviews_completed_within_72_hours()
    {
        await services.InCareAsync(Authority, "mis-1", "2024-05-01");
        await services.InCareAsync(Authority, "mis-2", "2024-05-01");

        // 1: criminal exploitation known, so high from the report; found in DE1; interview completed 30 h after the return.
        var first = await Post("/api/missing-episodes", MissingRequests.Report("mis-1", At("2024-06-01T20:00:00Z"), criminal: true));
        await Post($"/api/missing-episodes/{first}/return", MissingRequests.Return(At("2024-06-02T04:00:00Z"), "DE1"));
        await Post($"/api/missing-episodes/{first}/return-interview", new { outcome = "offered", at = At("2024-06-03T10:00:00Z") });
        await Post($"/api/missing-episodes/{first}/return-interview", new { outcome = "completed", at = At("2024-06-03T10:00:00Z") });
        // 2: medium, found in DE1 again; interview completed 96 h after the return: late.
        var second = await Post("/api/missing-episodes", MissingRequests.Report("mis-1", At("2024-07-01T10:00:00Z")));
        await Post($"/api/missing-episodes/{second}/return", MissingRequests.Return(At("2024-07-02T10:00:00Z"), "DE1"));
        await Post($"/api/missing-episodes/{second}/return-interview", new { outcome = "offered", at = At("2024-07-03T10:00:00Z") });
        await Post($"/api/missing-episodes/{second}/return-interview", new { outcome = "completed", at = At("2024-07-06T10:00:00Z") });
        // 3: reported low, raised to high while missing; found in NG7; no interview.
        var third = await Post("/api/missing-episodes", MissingRequests.Report("mis-2", At("2024-08-01T10:00:00Z"), riskLevel: "low"));
        await Post($"/api/missing-episodes/{third}/risk-level", new { at = At("2024-08-01T12:00:00Z"), riskLevel = "high", reason = "Seen with an adult of concern" });
        await Post($"/api/missing-episodes/{third}/return", MissingRequests.Return(At("2024-08-01T15:00:00Z"), "NG7"));

        var reader = indicators.ClientFor(Authority, Scopes.IndicatorsRead);
        var body = await Eventually.Within(TimeSpan.FromSeconds(30),
            async () => await (await reader.GetAsync("/api/indicators/breakdowns?year=2025")).Body(),
            b => (int?)b["missing"]?["incidents"] == 3 && (int?)b["missing"]?["returnsWithInterviewCompletedIn72Hours"] == 1
                && (string?)b["missing"]?["byRiskLevel"]?[0]?["group"] == "high" && (int?)b["missing"]?["returns"] == 3);
        var missing = body["missing"]!;

        static string Groups(System.Text.Json.Nodes.JsonNode? list) =>
            string.Join(" ", list!.AsArray().Select(g => $"{(string?)g!["group"]}={(int)g["count"]!}"));
        Assert.Equal("DE1=2 NG7=1", Groups(missing["byFoundArea"]));
        Assert.Equal("high=2 medium=1", Groups(missing["byRiskLevel"]));
        Assert.Equal("none=2 criminal=1", Groups(missing["byExploitation"]));
        Assert.Equal(1, (int?)missing["returnsWithInterviewCompletedIn72Hours"]);
        Assert.Equal(1, (int?)missing["returnsWithoutCompletedInterview"]);

        // The file withholds them all: every group is 1 or 2 (Exports/SmallNumbers).
        var csv = await (await reader.GetAsync("/api/indicators/breakdowns?year=2025&format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("\r\nmissing,incidents,,3,\r\n", csv);
        Assert.Contains("\r\nmissing,byFoundArea,DE1,c,c\r\nmissing,byFoundArea,NG7,c,c\r\n", csv);
        Assert.Contains("\r\nmissing,returnsWithInterviewCompletedIn72Hours,,c,\r\n", csv);
        Assert.DoesNotContain("mis-", csv);

        // The children behind the counts: child-level, so missing:read, not the committee's indicators:read; audited.
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/indicators/missing/children?year=2025")).StatusCode);
        var list = await (await indicators.ClientFor(Authority, Scopes.MissingRead).GetAsync("/api/indicators/missing/children?year=2025")).Body();
        Assert.Equal(["mis-1 2 high True 0 1", "mis-2 1 high False 1 0"], list["children"]!.AsArray().Select(c =>
            $"{(string?)c!["childId"]} {(int)c["incidents"]!} {(string?)c["highestRiskLevel"]} {(bool)c["criminalExploitation"]!} {(int)c["returnsWithoutCompletedInterview"]!} {(int)c["returnsWithInterviewLate"]!}"));
        Assert.Equal(2, await fixture.ScalarAsync(
            $"select count(*) from eventstore.ct_child_read_audit where authority = '{Authority}' and what = 'indicators.missing-children'"));
    }
}
