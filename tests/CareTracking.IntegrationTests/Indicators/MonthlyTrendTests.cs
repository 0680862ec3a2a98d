using System.Net;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;

namespace CareTracking.IntegrationTests.Indicators;

/// <summary>Trend points at month ends ("as at 31 July 2021") from children posted to Placements.</summary>
public sealed class MonthlyTrendTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    [Fact]
    public async Task the_monthly_trend_gives_the_measure_as_at_each_month_end()
    {
        // A in care from 10/06/2021, B from 05/07/2021 to 20/08/2021 (returned home), C from 31/08/2021.
        await using var s = new IndicatorsScenario(stack, placements, indicators, "862");
        await s.Entered("A", "2021-06-10");
        await s.Entered("B", "2021-07-05");
        await s.Ceased("B", "2021-08-20", "E13");
        await s.Entered("C", "2021-08-31");
        // Wait for all four posts: cla alone is 2 already when A and B are in and B's ending and C are not yet
        // projected (CI read "started" 2 for August that way).
        await s.Committee("asAt=2021-09-30", r => IndicatorsScenario.Value(r, "cla") == 2m
            && IndicatorsScenario.Value(r, "started") == 3m && IndicatorsScenario.Value(r, "ceased") == 1m);

        var response = await s.Reader.GetAsync("/api/indicators/trend/monthly?measure=cla&from=2021-05&to=2021-09");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var trend = await response.Body();
        var points = trend["points"]!.AsArray();
        Assert.Equal(["2021-05-31", "2021-06-30", "2021-07-31", "2021-08-31", "2021-09-30"], points.Select(p => (string)p!["asAt"]!));
        // 31 July 2021: A and B; 31 August: A and C (B left on 20 August; C came in that day).
        Assert.Equal([0m, 1m, 2m, 2m, 2m], points.Select(p => (decimal)p!["value"]!));
        Assert.Equal("2020-08-01", (string?)points[2]!["from"]);

        var started = await (await s.Reader.GetAsync("/api/indicators/trend/monthly?measure=started&from=2021-07&to=2021-08")).Body();
        Assert.Equal([2m, 3m], started["points"]!.AsArray().Select(p => (decimal)p!["value"]!));

        var backwards = await s.Reader.GetAsync("/api/indicators/trend/monthly?measure=cla&from=2021-09&to=2021-05");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Equal("to", (string?)(await backwards.Body())["field"]);
        var badMonth = await s.Reader.GetAsync("/api/indicators/trend/monthly?measure=cla&from=2021-13&to=2021-09");
        Assert.Equal("from", (string?)(await badMonth.Body())["field"]);
    }
}
