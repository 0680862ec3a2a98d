using System.Net;
using System.Text;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using static CareTracking.IntegrationTests.Indicators.IndicatorsScenario;

namespace CareTracking.IntegrationTests.Indicators;

/// <summary>An admin loads two DfE releases, the statistical neighbours and the targets; the comparisons and the
/// committee report's benchmarks as known at an instant show each figure as it was published by then.</summary>
public sealed class ComparisonsApiTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    private const string Header = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,population_count,number\n";

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task comparisons_show_england_region_and_neighbours_as_published_at_the_instant_with_targets_met_or_not()
    {
        await using var s = new IndicatorsScenario(stack, placements, indicators, "831");
        foreach (var child in new[] { "C1", "C2", "C3" }) await s.Entered(child, "2021-06-01");
        await s.Committee("year=2022", r => Value(r, "cla") == 3);

        // The 2022 release (published 17/11/2022) and the 2023 release (14/12/2023), which revises England's 2022
        // count from 82,170 to 82,080 and Derby's neighbour 856 from 40 to 44.
        var first = await s.Admin.PostAsync("/api/indicators/reference/published?release=CLA%202022&publishedOn=2022-11-17", Csv(Header +
            "2022,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March,\"82,170\"\n" +
            "2022,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000015,831,Derby,Children looked after at 31 March,500\n" +
            "2022,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000016,856,Leicester,Children looked after at 31 March,40\n" +
            "2022,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E10000007,830,Derbyshire,Children looked after at 31 March,c\n"));
        var revised = await s.Admin.PostAsync("/api/indicators/reference/published?release=CLA%202023&publishedOn=2023-12-14", Csv(Header +
            "2022,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March,\"82,080\"\n" +
            "2022,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000016,856,Leicester,Children looked after at 31 March,44\n"));
        var neighbours = await s.Admin.PutAsync("/api/indicators/reference/neighbours", Csv("authority\n856\n873\n"));
        var targets = await s.Admin.PutAsync("/api/indicators/reference/targets", Csv("measure,year,target,better\ncla,2022,2,lower\n"));
        var readerRefused = await s.Reader.PutAsync("/api/indicators/reference/targets", Csv("measure,year,target,better\ncla,2022,9,lower\n"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var loaded = await first.Body();
        Assert.Equal(3, (int?)loaded["figures"]);
        Assert.Equal(1, (int?)loaded["notPublished"]); // 830's "c": no figure, but 830 is still in the region
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal(HttpStatusCode.OK, neighbours.StatusCode);
        Assert.Equal(HttpStatusCode.OK, targets.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerRefused.StatusCode);

        var now = await (await s.Reader.GetAsync("/api/indicators/comparisons?year=2022")).Body();
        var cla = now["rows"]!.AsArray().Single(r => (string?)r!["measure"] == "cla")!;
        Assert.Equal("E12000004", (string?)now["region"]);
        Assert.Equal(82080m, (decimal?)cla["england"]!["value"]);
        // Region 830, 831, 856: (500 + 44) / 2 = 272, from two of three members; neighbours 856, 873: 44 from one of two.
        Assert.Equal(272m, (decimal?)cla["region"]!["value"]);
        Assert.Equal(2, (int?)cla["region"]!["membersWithFigure"]);
        Assert.Equal(3, (int?)cla["region"]!["members"]);
        Assert.Equal(44m, (decimal?)cla["neighbours"]!["value"]);
        Assert.Equal(1, (int?)cla["neighbours"]!["membersWithFigure"]);
        Assert.False((bool?)cla["met"]); // 3 looked after against a target of 2 or fewer

        // As the committee saw it in July 2023: the first publication, (500 + 40) / 2 = 270 and 40.
        var july2023 = await (await s.Reader.GetAsync("/api/indicators/comparisons?year=2022&knownAt=2023-07-31T23:59:59Z")).Body();
        var claThen = july2023["rows"]!.AsArray().Single(r => (string?)r!["measure"] == "cla")!;
        Assert.Equal(82170m, (decimal?)claThen["england"]!["value"]);
        Assert.Equal(270m, (decimal?)claThen["region"]!["value"]);
        Assert.Equal(40m, (decimal?)claThen["neighbours"]!["value"]);

        // The committee report's benchmarks follow the same instant; known now they keep the shipped 2022 figure.
        var reportThen = await s.Committee("year=2022&knownAt=2023-07-31T23:59:59Z", _ => true);
        Assert.Equal(82170m, (decimal?)reportThen["benchmarks"]!["cla"]!["national"]);
        Assert.Equal(40m, (decimal?)reportThen["benchmarks"]!["cla"]!["comparator"]);
        Assert.Contains("CLA 2022, published 2022-11-17", (string?)reportThen["benchmarks"]!["cla"]!["source"]);
        var reportBefore = await s.Committee("year=2022&knownAt=2022-07-31T23:59:59Z", _ => true);
        Assert.Null(reportBefore["benchmarks"]!["cla"]);
        Assert.Equal(82090m, (decimal?)(await s.Committee("year=2022", _ => true))["benchmarks"]!["cla"]!["national"]);

        var csv = await s.Reader.GetAsync("/api/indicators/comparisons?year=2022&knownAt=2023-07-31T23:59:59Z&format=csv");
        Assert.Equal("attachment; filename=\"comparisons-831-2022-03-31.csv\"", csv.Content.Headers.ContentDisposition?.ToString());
        // As known in July 2023 none of the three children had been recorded (they were posted just now): 0, target met.
        Assert.Contains("\r\ncla,0,0,,82170,2022,CLA 2022,270,2022,2,3,40,2022,1,2,2,lower,met\r\n", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_file_that_is_not_the_dfe_layout_is_refused_naming_what_is_missing()
    {
        await using var s = new IndicatorsScenario(stack, placements, indicators, "832");
        var response = await s.Admin.PostAsync("/api/indicators/reference/published?release=x&publishedOn=2024-11-14", Csv("year,value\n2024,1\n"));
        var noDate = await s.Admin.PostAsync("/api/indicators/reference/published?release=x", Csv(Header));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("body", (string?)(await response.Body())["field"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noDate.StatusCode);
        Assert.Equal("publishedOn", (string?)(await noDate.Body())["field"]);
    }
}
