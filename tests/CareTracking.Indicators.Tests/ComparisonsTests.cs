using CareTracking.Indicators.Comparisons;
using CareTracking.Indicators.Measures;
using CareTracking.ServiceDefaults.Problems;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

/// <summary>Comparator values as known at an instant, from hand-made DfE publications.</summary>
public class ComparisonsTests
{
    private const string England = DfePublishedCsv.EnglandCode;
    private const string EastMidlands = "E12000004";
    private static readonly DateOnly Published2021 = D("2021-11-18"), Published2025 = D("2025-11-20");

    private static PublishedFigure La(string la, string measure, int year, decimal? value, DateOnly on, string release) =>
        new(AreaLevel.LocalAuthority, la, EastMidlands, measure, year, value, release, on);

    private static PublishedFigure National(string measure, int year, decimal value, DateOnly on, string release) =>
        new(AreaLevel.National, England, null, measure, year, value, release, on);

    // England's rate for 2021 was published as 67 in November 2021 and revised to 69 in the 2025 release, which
    // also gives 2022 as 70. Derby (831), Nottingham (892), Leicester (856) and Derbyshire (830) are East Midlands.
    private static readonly PublishedFigure[] Figures =
    [
        National("ratePer10k", 2021, 67, Published2021, "CLA 2021"),
        National("ratePer10k", 2021, 69, Published2025, "CLA 2025"),
        National("ratePer10k", 2022, 70, Published2025, "CLA 2025"),
        La("831", "ratePer10k", 2021, 80, Published2021, "CLA 2021"),
        La("830", "ratePer10k", 2021, 60, Published2021, "CLA 2021"),
        La("856", "ratePer10k", 2021, 45, Published2021, "CLA 2021"),
        La("892", "cla", 2021, 650, Published2021, "CLA 2021"),
        La("892", "ratePer10k", 2021, null, Published2021, "CLA 2021"), // suppressed
        La("856", "ratePer10k", 2022, 50, Published2025, "CLA 2025"),
        La("830", "ratePer10k", 2022, 61, Published2025, "CLA 2025"),
    ];

    [Fact]
    public void a_report_as_known_in_july_2022_shows_englands_2021_figure_as_first_published_not_the_later_revision()
    {
        var july2022 = new Comparators(Figures, At("2022-07-31T23:59:59Z"));
        var now = new Comparators(Figures, null);

        // 2022 was not published until 2025 here, so the committee quoted 2021's figure as published then: 67.
        Assert.Equal(new PublishedValue(67, 2021, "CLA 2021", Published2021), july2022.Latest(England, "ratePer10k", 2022));
        Assert.Equal(new PublishedValue(70, 2022, "CLA 2025", Published2025), now.Latest(England, "ratePer10k", 2022));
        Assert.Equal(69m, now.Figure(England, "ratePer10k", 2021)!.Value);
        // Published on 18 November 2021: known from the start of that UK day, not the evening before.
        Assert.Null(new Comparators(Figures, At("2021-11-17T23:59:59Z")).Latest(England, "ratePer10k", 2021));
        Assert.Equal(67m, new Comparators(Figures, At("2021-11-18T00:00:00Z")).Latest(England, "ratePer10k", 2021)!.Value);
    }

    // The adoption scorecard's three-year averages for 2022-25, copied into the explore-education-statistics layout
    // with our measure keys. East Midlands: 830, 831 (us), 856, 892; A1: 830 = 420, 856 = 510, 892 suppressed (c);
    // A10: 830 = 380, 856 = 455, 892 = 401; A2: 830 = 150 only. Neighbours 856 and 873 (873 in no row).
    private const string Scorecard = """
        time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,measure,value
        2025,Reporting year,National,E92000001,England,,,,,,adoptionA1Days3y,461
        2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000015,831,Derby,adoptionA1Days3y,399
        2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E10000007,830,Derbyshire,adoptionA1Days3y,420
        2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000016,856,Leicester,adoptionA1Days3y,510
        2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000018,892,Nottingham,adoptionA1Days3y,c
        2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E10000007,830,Derbyshire,adoptionA10Days3y,380
        2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000016,856,Leicester,adoptionA10Days3y,455
        2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000018,892,Nottingham,adoptionA10Days3y,401
        2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E10000007,830,Derbyshire,adoptionA2Days3y,150
        """;

    [Fact]
    public void the_region_and_neighbour_three_year_adoption_averages_are_the_means_of_the_members_published_averages()
    {
        var figures = DfePublishedCsv.Parse(Scorecard, "Adoption scorecards 2022-25", D("2025-12-04"));
        var measures = new Dictionary<string, Measure>
        {
            ["adoptionA1Days3y"] = new(366m, 1099, 3),
            ["adoptionA10Days3y"] = new(265m, 794, 3),
            ["adoptionA2Days3y"] = new(125m, 374, 3),
        };
        var report = ComparisonReport.Build("831", 2025, D("2025-03-31"), null, measures, figures, ["856", "873"], []);
        var a1 = report.Rows.Single(r => r.Measure == "adoptionA1Days3y");
        // Region (830, 831, 856, 892): (399 + 420 + 510) / 3 = 443; 892 suppressed, so 3 of 4.
        Assert.Equal(new SetValue(443m, 2025, 4, 3), a1.Region);
        Assert.Equal(new SetValue(510m, 2025, 2, 1), a1.Neighbours);
        Assert.Equal(461m, a1.England!.Value);
        Assert.Equal((366m, 1099, 3), (a1.Value, a1.Numerator, a1.Denominator));
        // A10: (380 + 455 + 401) / 3 = 412; we published none, so 3 of 4 again.
        var a10 = report.Rows.Single(r => r.Measure == "adoptionA10Days3y");
        Assert.Equal(new SetValue(412m, 2025, 4, 3), a10.Region);
        Assert.Equal(new SetValue(455m, 2025, 2, 1), a10.Neighbours);
        // A2: only Derbyshire: 150 from 1 of 4; no neighbour has one, so no neighbour value.
        var a2 = report.Rows.Single(r => r.Measure == "adoptionA2Days3y");
        Assert.Equal(new SetValue(150m, 2025, 4, 1), a2.Region);
        Assert.Null(a2.Neighbours);

        var csv = ComparisonsApi.Csv(report);
        Assert.Contains("\r\nadoptionA1Days3y,366,1099,3,461,2025,Adoption scorecards 2022-25,443,2025,3,4,510,2025,1,2,,,\r\n", csv);
    }

    [Fact]
    public void a_set_is_the_mean_of_its_members_figures_with_how_many_members_had_one()
    {
        var july2022 = new Comparators(Figures, At("2022-07-31T23:59:59Z"));

        // Region: 830, 831, 856, 892 (892's rate suppressed). 2021 rates 60, 80, 45: (60 + 80 + 45) / 3 = 61.67 -> 61.7.
        Assert.Equal(EastMidlands, july2022.RegionOf("831"));
        Assert.Equal(["830", "831", "856", "892"], july2022.AuthoritiesIn(EastMidlands));
        Assert.Equal(new SetValue(61.7m, 2021, 4, 3), july2022.Of(july2022.AuthoritiesIn(EastMidlands), "ratePer10k", 2022));
        // Known now, 2022 is out for 830 and 856: (61 + 50) / 2 = 55.5 over the same four members.
        var now = new Comparators(Figures, null);
        Assert.Equal(new SetValue(55.5m, 2022, 4, 2), now.Of(now.AuthoritiesIn(EastMidlands), "ratePer10k", 2022));
        // Neighbours 856 and 873 (no figure at all): 45 from one of two.
        Assert.Equal(new SetValue(45m, 2021, 2, 1), july2022.Of(["856", "873"], "ratePer10k", 2021));
        Assert.Equal(new SetValue(null, 2021, 1, 0), july2022.Of(["873"], "ratePer10k", 2021));
    }

    [Fact]
    public void the_comparison_report_sets_each_measure_beside_england_region_neighbours_and_its_target()
    {
        var measures = new Dictionary<string, Measure>
        {
            ["ratePer10k"] = new(75.0m, 330, 44_000),
            ["cla"] = Measure.Count(330),
            ["startedPer10k"] = new(30.0m, 132, 44_000),
        };
        Target[] targets = [new("ratePer10k", 2022, 70, HigherIsBetter: false), new("startedPer10k", 2022, 25, HigherIsBetter: true)];

        var report = ComparisonReport.Build("831", 2022, D("2022-03-31"), At("2022-07-31T23:59:59Z"), measures, Figures, ["856", "873"], targets);

        Assert.Equal(EastMidlands, report.Region);
        var rate = Assert.Single(report.Rows, r => r.Measure == "ratePer10k");
        Assert.Equal(67m, rate.England!.Value);
        Assert.Equal(61.7m, rate.Region!.Value);
        Assert.Equal(45m, rate.Neighbours!.Value);
        Assert.False(rate.Met); // 75 against a target of 70 or lower
        Assert.True(Assert.Single(report.Rows, r => r.Measure == "startedPer10k").Met); // 30 against 25 or higher
        // cla: Nottingham's 650 is the region's only figure (one of four), no England or neighbour figure.
        var cla = Assert.Single(report.Rows, r => r.Measure == "cla");
        Assert.Equal(new SetValue(650m, 2021, 4, 1), cla.Region);
        Assert.Null(cla.England);
        Assert.Null(cla.Target);
    }

    [Fact]
    public void a_target_is_met_in_its_better_direction_and_unknown_without_a_value()
    {
        Assert.True(new Target("x", 2025, 90, true).MetBy(90));
        Assert.False(new Target("x", 2025, 90, true).MetBy(89.9m));
        Assert.True(new Target("x", 2025, 10, false).MetBy(10));
        Assert.False(new Target("x", 2025, 10, false).MetBy(10.1m));
        Assert.Null(new Target("x", 2025, 10, false).MetBy(null));
    }

    private const string DfeFile =
        """
        time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,population_count,number
        2024,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March,"83,630"
        2024,Reporting year,National,E92000001,England,,,,,,Children looked after who were adopted during the year,2980
        2024,Reporting year,Regional,E92000001,England,E12000004,East Midlands,,,,Children looked after at 31 March,5600
        2024,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000015,831,Derby,Children looked after at 31 March,480
        2024,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000016,856,Leicester,Children looked after at 31 March,c
        202324,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,E06000015,831,Derby,Children starting to be looked after during the year,160
        2024,Reporting year,Inner London,E92000001,England,E13000001,Inner London,,,,Children looked after at 31 March,4000
        2024,Reporting year,National,E92000001,England,,,,,,Children in need,999
        """;

    [Fact]
    public void a_dfe_file_becomes_published_figures_of_ours_by_area_keeping_its_release_and_date()
    {
        var figures = DfePublishedCsv.Parse(DfeFile, "CLA 2024", D("2024-11-14"));

        Assert.Equal(
            [
                new PublishedFigure(AreaLevel.National, England, null, "cla", 2024, 83630, "CLA 2024", D("2024-11-14")),
                new PublishedFigure(AreaLevel.National, England, null, "adoptions", 2024, 2980, "CLA 2024", D("2024-11-14")),
                new PublishedFigure(AreaLevel.National, England, null, "ceasedAdopted", 2024, 2980, "CLA 2024", D("2024-11-14")),
                new PublishedFigure(AreaLevel.Regional, EastMidlands, EastMidlands, "cla", 2024, 5600, "CLA 2024", D("2024-11-14")),
                new PublishedFigure(AreaLevel.LocalAuthority, "831", EastMidlands, "cla", 2024, 480, "CLA 2024", D("2024-11-14")),
                new PublishedFigure(AreaLevel.LocalAuthority, "856", EastMidlands, "cla", 2024, null, "CLA 2024", D("2024-11-14")),
                new PublishedFigure(AreaLevel.LocalAuthority, "831", EastMidlands, "started", 2024, 160, "CLA 2024", D("2024-11-14")),
            ],
            figures);
    }

    [Fact]
    public void a_file_without_the_dfe_layout_or_with_a_value_that_is_not_a_number_is_refused_naming_the_place()
    {
        Assert.Equal("dfe.header", Assert.Throws<RuleViolation>(() => DfePublishedCsv.Parse("year,value\n2024,1\n", "r", D("2024-11-14"))).Rule);
        var bad = DfeFile.Replace("480", "four hundred", StringComparison.Ordinal);
        Assert.Equal("rows[3].number", Assert.Throws<RuleViolation>(() => DfePublishedCsv.Parse(bad, "r", D("2024-11-14"))).Field);
    }

    [Fact]
    public void neighbours_and_targets_load_from_csv_and_refuse_what_cannot_be_meant()
    {
        Assert.Equal(["856", "873"], ComparisonData.ParseNeighbours("authority\n856\n873\n", "831"));
        Assert.Equal("neighbours.self", Assert.Throws<RuleViolation>(() => ComparisonData.ParseNeighbours("authority\n831\n", "831")).Rule);
        Assert.Equal([new Target("ratePer10k", 2025, 70, false)], ComparisonData.ParseTargets("measure,year,target,better\nratePer10k,2025,70,lower\n"));
        Assert.Equal("targets.measure", Assert.Throws<RuleViolation>(() => ComparisonData.ParseTargets("measure,year,target,better\nnope,2025,1,higher\n")).Rule);
    }
}
