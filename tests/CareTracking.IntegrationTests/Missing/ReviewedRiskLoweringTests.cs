using System.Net;
using CareTracking.EventStore;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.ServiceDefaults.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.IntegrationTests.Missing;

/// <summary>A child at risk of criminal exploitation is high risk from the report; a police inspector's review may
/// lower it to medium, through HTTP, with the reason and the reviewer kept in the stored event, sealed (issue 13, seed 002; issue 10, item 7).</summary>
public sealed class ReviewedRiskLoweringTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    private static DateTimeOffset HoursAgo(double hours) =>
        new DateTimeOffset(DateTime.UtcNow.AddHours(-hours).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    [Fact]
    public async Task an_inspectors_review_lowers_criminal_exploitation_risk_to_medium_and_without_one_it_is_refused()
    {
        await stack.InCareAsync("831", "cce-review-1");
        var missing = stack.MissingClient("831");
        var reported = await missing.Post("/api/missing-episodes", MissingRequests.Report("cce-review-1", HoursAgo(6), riskLevel: "medium", criminal: true));
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var episodeId = (string)(await reported.Body())["episodeId"]!;

        var unreviewed = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level", new { at = HoursAgo(5), riskLevel = "medium", reason = "Located by phone" });
        var toLow = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level",
            new { at = HoursAgo(5), riskLevel = "low", reason = "Located by phone", reviewedBy = "Insp. 4410" });
        var reviewed = await missing.Post($"/api/missing-episodes/{episodeId}/risk-level",
            new { at = HoursAgo(4), riskLevel = "medium", reason = "Located at a known safe address", reviewedBy = "Insp. 4410" });

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "risk.criminal-exploitation"), (unreviewed.StatusCode, (string?)(await unreviewed.Body())["rule"]));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "risk.criminal-exploitation"), (toLow.StatusCode, (string?)(await toLow.Body())["rule"]));
        Assert.Equal(HttpStatusCode.Created, reviewed.StatusCode);
        var episode = await (await missing.GetAsync($"/api/missing-episodes/{episodeId}")).Body();
        Assert.Equal("medium", (string?)episode["riskLevel"]);
        // Kept in the stored event, sealed with the child's key (docs/security.md, "Erasure"): one event whose reviewer
        // and reason open to what was posted.
        var store = stack.Missing.Services.GetRequiredService<DocumentStore>();
        var stored = await Sealing.OpenAsync(stack.Missing.Services.GetRequiredService<ChildDataKeys>(), store, "831",
            await store.LightweightSession("831").Events.FetchStreamAsync($"episode:{episodeId}"), CancellationToken.None);
        Assert.Single(stored, e => e.Data is RiskLevelChanged { ReviewedBy: "Insp. 4410", Reason: "Located at a known safe address" });
        Assert.Equal(1, await stack.Stack.ScalarAsync(
            $"select count(*) from eventstore.mt_events where type = 'missing.risk-level-changed.v1' and data->>'reviewedBy' like 'ct-sealed:v1:%' and data->>'reason' like 'ct-sealed:v1:%'"));
    }
}
