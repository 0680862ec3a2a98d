using System.Globalization;
using System.Net;
using System.Text;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using static CareTracking.IntegrationTests.Indicators.IndicatorsScenario;

namespace CareTracking.IntegrationTests.Indicators;

/// <summary>The statistical neighbours and the targets are kept load by load: a comparison as known at an instant uses
/// the list and the targets loaded by then (before the first load, the first), as the published figures do.</summary>
public sealed class ComparisonListsHistoryTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));

    [Fact]
    public async Task a_comparison_known_at_an_instant_uses_the_neighbours_and_targets_loaded_by_then()
    {
        await using var s = new IndicatorsScenario(stack, placements, indicators, "887");
        foreach (var child in new[] { "H1", "H2", "H3" }) await s.Entered(child, "2021-06-01");
        await s.Committee("year=2022", r => Value(r, "cla") == 3);
        const string header = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,population_count,number\n";
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PostAsync("/api/indicators/reference/published?release=CLA%202022&publishedOn=2022-11-17", Csv(header +
            "2022,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000016,856,Leicester,Children looked after at 31 March,40\n" +
            "2022,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000018,892,Nottingham,Children looked after at 31 March,60\n"))).StatusCode);

        var beforeAny = DateTimeOffset.UtcNow.AddMinutes(-5);
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PutAsync("/api/indicators/reference/neighbours", Csv("authority\n856\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PutAsync("/api/indicators/reference/targets", Csv("measure,year,target,better\ncla,2022,2,lower\n"))).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var first = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PutAsync("/api/indicators/reference/neighbours", Csv("authority\n892\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PutAsync("/api/indicators/reference/targets", Csv("measure,year,target,better\ncla,2022,9,lower\n"))).StatusCode);

        async Task<(string Neighbours, decimal? Value, decimal? Target, bool? Met)> Cla(string query)
        {
            var report = await (await s.Reader.GetAsync($"/api/indicators/comparisons?year=2022{query}")).Body();
            var cla = report["rows"]!.AsArray().Single(r => (string?)r!["measure"] == "cla")!;
            return (string.Join(",", report["neighbours"]!.AsArray().Select(n => (string?)n)), (decimal?)cla["neighbours"]?["value"], (decimal?)cla["target"], (bool?)cla["met"]);
        }

        // Known now: the second load. As known between the loads: the first. Before any load: the first list stands.
        Assert.Equal(("892", 60m, 9m, true), await Cla(""));
        Assert.Equal(("856", 40m, 2m, false), await Cla($"&knownAt={Instant(first)}"));
        // (No child was recorded by then either: 0 looked after, within the target of 2.)
        Assert.Equal(("856", 40m, 2m, true), await Cla($"&knownAt={Instant(beforeAny)}"));

        // The lists themselves as known then, and the committee report's comparator.
        Assert.Equal("856", string.Join(",", (await (await s.Reader.GetAsync($"/api/indicators/reference/neighbours?knownAt={Instant(first)}")).Body())["neighbours"]!
            .AsArray().Select(n => (string?)n)));
        Assert.Equal(2m, (decimal?)(await (await s.Reader.GetAsync($"/api/indicators/reference/targets?knownAt={Instant(first)}")).Body())["targets"]![0]!["value"]);
        Assert.Equal(40m, (decimal?)(await s.Committee($"year=2022&knownAt={Instant(first)}", _ => true))["benchmarks"]!["cla"]!["comparator"]);
    }
}
