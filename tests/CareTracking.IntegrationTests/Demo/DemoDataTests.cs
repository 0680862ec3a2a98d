using System.Text.Json.Nodes;
using CareTracking.DemoData;
using CareTracking.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Demo;

/// <summary>The demo history that deploy/local/up.sh seeds, posted through the services in-process.</summary>
public sealed class DemoDataTests(DemoStack stack, ITestOutputHelper output) : IClassFixture<DemoStack>
{
    [Fact]
    public async Task the_demo_history_is_accepted_a_second_run_appends_nothing_and_the_committee_counts_children_in_care()
    {
        var placements = stack.PlacementsClient();
        var missing = stack.MissingClient();
        var reviews = stack.ReviewsClient();
        var health = stack.HealthClient();
        var leavingCare = stack.LeavingCareClient();
        // Today's cohort, as up.sh seeds it, taken once: a run that crosses midnight must post the same history twice.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var options = new DemoOptions(AsOf: today, Parallelism: 4);

        // A rejected post throws DemoPostRejected with the problem details, which fails the test.
        var first = await DemoHistory.SeedAsync(placements, missing, reviews, options, leavingCare: leavingCare, health: health);
        var afterFirst = await stack.SettledEventCountAsync();

        Assert.InRange(first.Children, 60, 140);
        Assert.Equal(0, first.MissingAwaitingCare);
        Assert.True(afterFirst >= first.TotalPosts, $"{afterFirst} events stored for {first.TotalPosts} posts");

        var second = await DemoHistory.SeedAsync(placements, missing, reviews, options, leavingCare: leavingCare, health: health);
        Assert.Equal(first.TotalPosts, second.TotalPosts);
        Assert.Equal(afterFirst, await stack.SettledEventCountAsync());

        var indicators = stack.IndicatorsClient();
        // As long as the demo tool waits (Program.cs): on a loaded CI machine the second seed took 3.5 minutes.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        if (!await DemoFigures.WaitForProjectionsAsync(indicators, TimeSpan.FromSeconds(120)))
            Assert.Fail($"The Indicators projections did not catch up in {waited.Elapsed.TotalSeconds:0} s. Readiness: "
                + await indicators.GetStringAsync("/health/ready") + ". Oldest open transaction on the server: " + await stack.OldestOpenTransactionAsync());
        output.WriteLine($"projections caught up {waited.Elapsed.TotalSeconds:0.0} s after the second seed");
        var report = await DemoFigures.CommitteeAsync(indicators, today.Month > 3 ? today.Year : today.Year - 1);
        output.WriteLine($"{first.Children} children, {first.TotalPosts} posts, {afterFirst} events; {DemoFigures.Describe(report)}");
        Assert.InRange((decimal?)report["measures"]?["cla"]?["value"] ?? 0, 20, 100);
        Assert.True((decimal?)report["measures"]?["missingIncidents"]?["value"] > 0, DemoFigures.Describe(report));
        Assert.True((decimal?)report["measures"]?["reviewsOnTimePct"]?["value"] > 50, DemoFigures.Describe(report));
        // The demo records PL_DISTANCE and PL_LA for most placements, some of them outside Derby (831).
        Assert.True((int?)report["measures"]?["placedOver20MilesPct"]?["denominator"] > 0, DemoFigures.Describe(report));
        Assert.True((int?)report["measures"]?["outOfAreaPct"]?["numerator"] > 0, DemoFigures.Describe(report));
        // Adoption journeys (decisions, matches, adoptions over three years) and social workers changing.
        Assert.True((decimal?)report["measures"]?["adoptions3y"]?["value"] > 0, DemoFigures.Describe(report));
        Assert.True((int?)report["measures"]?["adoptionA10Days3y"]?["denominator"] > 0, DemoFigures.Describe(report));
        Assert.True((int?)report["measures"]?["socialWorkerChangesPerChild"]?["numerator"] > 0, DemoFigures.Describe(report));
        Assert.Equal(0m, (decimal?)report["measures"]?["socialWorkerNoneAtAsAt"]?["value"]);
        // The health histories (HealthHistory) give the Health tiles real figures.
        Assert.True(first.Posts.GetValueOrDefault(DemoService.Health) > 0);
        Assert.True((decimal?)report["measures"]?["oc2Cohort"]?["value"] > 0, DemoFigures.Describe(report));
        Assert.True((decimal?)report["measures"]?["oc2HealthAssessmentPct"]?["value"] > 50, DemoFigures.Describe(report));
        Assert.True((decimal?)report["measures"]?["healthAssessmentsUpToDatePct"]?["value"] > 50, DemoFigures.Describe(report));
        Assert.NotNull((decimal?)report["measures"]?["sdqAverage"]?["value"]);

        // Care leavers: some of the cohort has a leaving-care history, each on the list with a personal adviser.
        Assert.True(first.Posts.GetValueOrDefault(DemoService.LeavingCare) > 100, $"{first.Posts.GetValueOrDefault(DemoService.LeavingCare)} leaving-care posts");
        var list = JsonNode.Parse(await stack.LeavingCareClient(Scopes.LeavingCareRead).GetStringAsync($"/api/care-leavers?asAt={today.AddDays(-1):yyyy-MM-dd}"))!["careLeavers"]!.AsArray();
        output.WriteLine($"{list.Count} care leavers as at yesterday, {list.Count(e => e!["personalAdviserId"] is not null)} with a personal adviser");
        Assert.InRange(list.Count, 5, 60);
        Assert.True(list.Count(e => e!["personalAdviserId"] is not null) >= list.Count / 2, list.ToJsonString());
    }
}
