using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using static CareTracking.IntegrationTests.Indicators.IndicatorsScenario;
using ReviewEvents = CareTracking.Reviews.Children;

namespace CareTracking.IntegrationTests.Indicators;

/// <summary>Histories posted to Placements (and missing and review events in the store) → Indicators'
/// projection → the committee API, against hand-computed figures. Each test uses its own authority.</summary>
public sealed class CommitteeIndicatorsTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    private IndicatorsScenario Scenario(string authority) => new(stack, placements, indicators, authority);

    /// <summary>
    /// Year ending 31/03/2025. A: in care from 01/05/2024 (U4 in-house), missing once, reviewed on time then late, IRO in
    /// time. B: 01/06/2024 (U4 agency), placed for adoption 01/09/2024, adopted 15/01/2025 (E11), IRO late. C: in
    /// care since 2023 (U1), moved to K2 then U4 in the year: 3 placements; away once. D: a V3 short break from
    /// 25/03/2025, counted nowhere.
    /// </summary>
    private static async Task GivenTheYear(IndicatorsScenario s)
    {
        await s.Entered("A", "2024-05-01");
        await s.Entered("B", "2024-06-01", provider: "PR4");
        await s.Moved("B", "2024-09-01", "A3");
        await s.Ceased("B", "2025-01-15", "E11");
        await s.Entered("C", "2023-01-10", type: "U1");
        await s.Moved("C", "2024-07-01", "K2", "PR4");
        await s.Moved("C", "2024-10-01", "U4");
        await s.Entered("D", "2025-03-25", legalStatus: "V3", type: "U6");

        await s.WentMissing("A", "M", T("2024-11-01T20:00:00Z"), T("2024-11-02T10:00:00Z"), T("2024-11-03T09:00:00Z"));
        await s.WentMissing("C", "A", T("2024-12-01T15:00:00Z"), T("2024-12-01T22:00:00Z"));
        // A: first review due 31/05/2024 (20 working days; 6 and 27 May are bank holidays), held 20/05: on time;
        // second due 20/08/2024, held 10/09: late. IRO by 09/05/2024 (6 May is a holiday): allocated 03/05, in time.
        await s.Reviewed("A", new ReviewEvents.IroAllocated(D("2024-05-03"), "iro-1", "north"),
            new ReviewEvents.ReviewHeld(D("2024-05-20"), "PN1"), new ReviewEvents.ReviewHeld(D("2024-09-10"), "PN1"));
        // B: period from Saturday 01/06/2024, IRO due by 07/06; allocated 20/06: late.
        await s.Reviewed("B", new ReviewEvents.IroAllocated(D("2024-06-20"), "iro-2", "south"));
    }

    private static DateTimeOffset T(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task the_committee_figures_for_a_year_match_the_hand_computed_ones()
    {
        await using var s = Scenario("801");
        await GivenTheYear(s);

        var report = await s.Committee("year=2025", r => Value(r, "reviewsOnTimePct") == 50.0m && Value(r, "awayIncidents") == 1);

        Assert.Equal("2025-03-31", (string?)report["asAt"]);
        Assert.Equal("2024-04-01", (string?)report["from"]);
        var expected = new Dictionary<string, decimal?>
        {
            ["cla"] = 2,
            ["started"] = 2,
            ["ceased"] = 1,
            ["ceasedAdopted"] = 1,
            ["ceasedAdoptedPct"] = 100.0m,
            ["uasc"] = 0,
            ["placementMix.fosterOther"] = 100.0m,
            ["placementMix.fosterRelativeFriend"] = 0m,
            ["fosteringByProvider.inHouse"] = 100.0m,
            ["fosteringByProvider.agency"] = 0m,
            ["threePlusPlacementsPct"] = 50.0m,
            ["missingIncidents"] = 1,
            ["childrenMissing"] = 1,
            ["awayIncidents"] = 1,
            ["childrenAway"] = 1,
            ["returnInterviewOfferedIn72hPct"] = 100.0m,
            ["reviewsOnTimePct"] = 50.0m,
            ["iroAllocatedIn5DaysPct"] = 50.0m,
            ["ratePer10k"] = null,
        };
        Assert.Equal(expected, expected.Keys.ToDictionary(k => k, k => Value(report, k)));
        Assert.Equal(2, (int?)report["measures"]!["threePlusPlacementsPct"]!["denominator"]);
        Assert.Contains("V3/V4", (string?)report["definitions"]!["cla"]);
        Assert.Contains(report["switches"]!.AsArray(), s => ((string?)s)!.Contains("(RNE T/U)"));
        Assert.Equal(81770m, (decimal?)report["benchmarks"]!["cla"]!["national"]);
    }

    [Fact]
    public async Task a_back_dated_ceasing_changes_the_final_figure_but_not_the_one_known_before_it_was_recorded()
    {
        await using var s = Scenario("802");
        await s.Entered("K1", "2024-04-10");
        await s.Entered("K2", "2024-05-10");
        var knownAt = (await s.RecordedAt("K2")).ToString("O");
        await s.Committee("year=2025", r => Value(r, "cla") == 2);

        await s.Ceased("K1", "2024-12-01", "E4A");

        var final = await s.Committee("year=2025", r => Value(r, "cla") == 1);
        var provisional = await s.Committee($"year=2025&knownAt={Uri.EscapeDataString(knownAt)}", _ => true);
        Assert.Equal((1m, 1m), (Value(final, "cla"), Value(final, "ceased")));
        Assert.Equal((2m, 0m), (Value(provisional, "cla"), Value(provisional, "ceased")));
        Assert.Equal(DateTimeOffset.Parse(knownAt, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)provisional["knownAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task a_report_recorded_after_the_return_is_an_incident_whose_return_starts_the_interview_clock()
    {
        // G: in care from 01/05/2024, missing from 01/11/2024 00:00Z, reported only after the return on
        // 04/11/2024 00:00Z (72 h: 3–6 days); interview offered 06/11 12:00Z (60 h after the return, in time).
        // H: same dates, offered 07/11 00:00:01Z (72 h and a second: late). Return interviews 1/2 = 50.0; durations
        // 3–6 days 100.0.
        await using var s = Scenario("810");
        await s.Entered("G", "2024-05-01");
        await s.Entered("H", "2024-05-01");
        await s.ReportedAfterReturn("G", D("2024-05-01"), T("2024-11-01T00:00:00Z"), T("2024-11-04T00:00:00Z"), T("2024-11-06T12:00:00Z"));
        await s.ReportedAfterReturn("H", D("2024-05-01"), T("2024-11-01T00:00:00Z"), T("2024-11-04T00:00:00Z"), T("2024-11-07T00:00:01Z"));

        var report = await s.Committee("year=2025", r => Value(r, "missingIncidents") == 2 && Value(r, "returnInterviewOfferedIn72hPct") is not null);

        Assert.Equal(50.0m, Value(report, "returnInterviewOfferedIn72hPct"));
        Assert.Equal(2, (int?)report["measures"]!["returnInterviewOfferedIn72hPct"]!["denominator"]);
        Assert.Equal(100.0m, Value(report, "missingDuration.threeToSixDays"));
        Assert.Equal(0m, Value(report, "missingDuration.open"));
    }

    [Fact]
    public async Task an_episode_closed_at_the_end_of_care_ends_then_and_is_not_a_return_interview_return()
    {
        // E: in care 01/05/2024 to 10/02/2025 (E8), missing from 01/02/2025 20:00Z and still missing when care
        // ended: 196 h to the start of 10 February, 7+ days, and no return. F: missing 14 h, returned 02/11/2024,
        // offered in time. Return interviews: F only, 1/1 = 100.0. Durations of 2: 7+ days 50.0, open 0.
        await using var s = Scenario("809");
        await s.Entered("E", "2024-05-01");
        await s.Ceased("E", "2025-02-10", "E8");
        await s.Entered("F", "2024-05-01");
        await s.WentMissing("E", "M", T("2025-02-01T20:00:00Z"), closedAtEndOfCare: D("2025-02-10"));
        await s.WentMissing("F", "M", T("2024-11-01T20:00:00Z"), T("2024-11-02T10:00:00Z"), T("2024-11-03T09:00:00Z"));

        var report = await s.Committee("year=2025", r => Value(r, "missingIncidents") == 2 && Value(r, "missingDuration.sevenDaysOrMore") == 50.0m);

        Assert.Equal(2m, Value(report, "missingIncidents"));
        Assert.Equal(100.0m, Value(report, "returnInterviewOfferedIn72hPct"));
        Assert.Equal(1, (int?)report["measures"]!["returnInterviewOfferedIn72hPct"]!["denominator"]);
        Assert.Equal(50.0m, Value(report, "missingDuration.sevenDaysOrMore"));
        Assert.Equal(0m, Value(report, "missingDuration.open"));
    }

    [Fact]
    public async Task a_rebuild_from_position_zero_gives_the_same_figures()
    {
        await using var s = Scenario("803");
        await GivenTheYear(s);
        var before = await s.Committee("year=2025", r => Value(r, "reviewsOnTimePct") == 50.0m && Value(r, "awayIncidents") == 1);

        // Lose the read model entirely: the figures go, and only a rebuild from the events brings them back.
        await stack.ExecuteAsync("truncate eventstore.ind_events, eventstore.ind_authorities");
        Assert.Equal(0m, Value(await s.Committee("year=2025", _ => true), "cla"));
        // A rebuild empties every authority's read model: an authority's admin may not (issue 10, item 5).
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Admin.PostAsync("/api/indicators/admin/rebuild", null)).StatusCode);
        // The rebuild applies what lies below the feed's transaction fence, which is cluster-wide; the runner
        // carries on with anything a transaction elsewhere was still holding back (a 202, waited on to the head).
        var rebuild = await s.RebuildToTheHead();
        var after = await s.Committee("year=2025", r => r["measures"]!.ToJsonString() == before["measures"]!.ToJsonString());

        Assert.Equal("indicators-child-events", (string?)(await rebuild.Body())["projection"]);
        Assert.Equal(before["measures"]!.ToJsonString(), after["measures"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Reader.PostAsync("/api/indicators/admin/rebuild", null)).StatusCode);
    }

    [Fact]
    public async Task health_and_care_leaver_figures_come_from_those_services_events_on_the_report_and_csv_and_survive_a_rebuild()
    {
        await using var s = Scenario("811");
        await s.GivenHealthAndCareLeavers();

        var report = await s.Committee("year=2025", r => Value(r, "sdqAverage") == 17.0m && Value(r, "careLeaversStayingPutPct") == 100.0m);

        var expected = new Dictionary<string, decimal?>
        {
            ["oc2Cohort"] = 2,
            ["oc2HealthAssessmentPct"] = 50.0m,
            ["oc2ImmunisationsPct"] = 50.0m,
            ["oc2DentalCheckPct"] = 50.0m,
            ["oc2DevelopmentCheckPct"] = null,
            ["sdqAverage"] = 17.0m,
            ["sdqScoredPct"] = 100.0m,
            ["oc3Cohort"] = 2,
            ["careLeaversInTouchPct"] = 100.0m,
            ["careLeaversEetPct"] = 50.0m,
            ["careLeaversSuitableAccommodationPct"] = 100.0m,
            ["careLeaversStayingPutPct"] = 100.0m,
            ["careLeaversWithPersonalAdviserPct"] = 50.0m,
            ["cla"] = 2,
        };
        Assert.Equal(expected, expected.Keys.ToDictionary(k => k, k => Value(report, k)));
        Assert.Equal((1, 2), ((int?)report["measures"]!["careLeaversEetPct"]!["numerator"], (int?)report["measures"]!["careLeaversEetPct"]!["denominator"]));
        Assert.Contains("OC3 cohort", (string?)report["definitions"]!["careLeaversInTouchPct"]);
        // England's development-check figure for 2024/25 (DfE EES), with its source.
        Assert.Equal(88m, (decimal?)report["benchmarks"]!["oc2DevelopmentCheckPct"]!["national"]);
        Assert.Contains("explore-education-statistics", (string?)report["benchmarks"]!["oc2DevelopmentCheckPct"]!["source"]);
        var csv = await (await s.Reader.GetAsync("/api/indicators/committee?year=2025&format=csv")).Content.ReadAsStringAsync();
        // Two young people, one of them in education or work: withheld in the file (SmallNumbers), shown in the JSON above.
        Assert.Contains("\r\nmeasure,oc3Cohort,c,c,,,,", csv);
        Assert.Contains("\r\nmeasure,careLeaversEetPct,c,c,c,,,\"Of the OC3 cohort except", csv);
        var trend = await (await s.Reader.GetAsync("/api/indicators/trend?measure=oc2DevelopmentCheckPct&from=2024&to=2025")).Body();
        Assert.Equal([88m, 88m], trend["points"]!.AsArray().Select(p => (decimal)p!["national"]!));

        await stack.ExecuteAsync("truncate eventstore.ind_events, eventstore.ind_authorities");
        Assert.Equal(0m, Value(await s.Committee("year=2025", _ => true), "oc3Cohort"));
        await s.RebuildToTheHead();
        var rebuilt = await s.Committee("year=2025", r => r["measures"]!.ToJsonString() == report["measures"]!.ToJsonString());
        Assert.Equal(report["measures"]!.ToJsonString(), rebuilt["measures"]!.ToJsonString());
    }

    [Fact]
    public async Task the_report_comes_as_csv_with_its_definitions_and_switches()
    {
        await using var s = Scenario("804");
        await s.Entered("V1", "2024-04-10");
        await s.Committee("year=2025", r => Value(r, "cla") == 1);

        var byFormat = await s.Reader.GetAsync("/api/indicators/committee?year=2025&format=csv");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/indicators/committee?year=2025");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var byAccept = await s.Reader.SendAsync(request);

        Assert.Equal("text/csv", byFormat.Content.Headers.ContentType?.MediaType);
        var csv = await byFormat.Content.ReadAsStringAsync();
        Assert.StartsWith("section,key,value,numerator,denominator,national,comparator,text\r\nreport,asAt,2025-03-31,", csv);
        Assert.Contains("\r\nmeasure,cla,c,c,,81770,,\"Children looked after at the as-at date:", csv);  // one child: withheld
        Assert.Contains("\r\nswitch,,,,,,,Same-carer changes (RNE T/U) count as new placements: off", csv);
        Assert.Equal(csv, await byAccept.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_trend_gives_the_measure_at_each_31_march_beside_the_national_figure()
    {
        await using var s = Scenario("805");
        await s.Entered("T1", "2022-06-01");
        await s.Entered("T2", "2023-06-01");
        await s.Ceased("T1", "2024-08-01", "E4A");
        await s.Committee("year=2025", r => Value(r, "ceased") == 1);

        var trend = await (await s.Reader.GetAsync("/api/indicators/trend?measure=cla&from=2021&to=2025")).Body();

        Assert.Equal("cla", (string?)trend["measure"]);
        Assert.Contains("V3/V4", (string?)trend["definition"]);
        var points = trend["points"]!.AsArray();
        Assert.Equal([2021, 2022, 2023, 2024, 2025], points.Select(p => (int)p!["year"]!));
        Assert.Equal([0m, 0m, 1m, 2m, 1m], points.Select(p => (decimal)p!["value"]!));
        Assert.Equal("2023-03-31", (string?)points[2]!["asAt"]);
        Assert.Equal([80780m, 82090m, 83750m, 83530m, 81770m], points.Select(p => (decimal)p!["national"]!));
        Assert.All(points, p => Assert.Null((decimal?)p!["comparator"]));
    }

    [Fact]
    public async Task an_admin_loads_population_and_comparator_figures_from_csv_and_a_reader_cannot()
    {
        await using var s = Scenario("806");
        await s.Entered("P1", "2024-04-10");
        await s.Entered("P2", "2024-04-11");
        await s.Entered("P3", "2024-04-12");
        await s.Committee("year=2025", r => Value(r, "cla") == 3);

        var population = await s.Admin.PutAsync("/api/indicators/reference/population", Csv("year,population\r\n2024,59000\r\n2025,60000\r\n"));
        var benchmarks = await s.Admin.PostAsync("/api/indicators/reference/benchmarks",
            Csv("measure,year,national,comparator,source\ncla,2025,,612,\"Statistical neighbours, 2025\"\nratePer10k,2025,67,88.5,DfE 2025\n"));
        var refused = await s.Reader.PutAsync("/api/indicators/reference/population", Csv("year,population\r\n2025,1\r\n"));
        var badRow = await s.Admin.PutAsync("/api/indicators/reference/population", Csv("year,population\r\n2025,lots\r\n"));

        Assert.Equal(HttpStatusCode.OK, population.StatusCode);
        Assert.Equal(HttpStatusCode.OK, benchmarks.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badRow.StatusCode);
        Assert.Equal("rows[0].population", (string?)(await badRow.Body())["field"]);
        var stored = await (await s.Reader.GetAsync("/api/indicators/reference/population")).Body();
        Assert.Equal(60000, (int?)stored["rows"]![1]!["population"]);

        var report = await s.Committee("year=2025", _ => true);
        Assert.Equal(0.5m, Value(report, "ratePer10k")); // 3 / 60,000 × 10,000
        Assert.Equal(60000, (int?)report["measures"]!["ratePer10k"]!["denominator"]);
        Assert.Equal(612m, (decimal?)report["benchmarks"]!["cla"]!["comparator"]);
        Assert.Null((decimal?)report["benchmarks"]!["cla"]!["national"]);
        Assert.Equal(88.5m, (decimal?)report["benchmarks"]!["ratePer10k"]!["comparator"]);
    }

    [Theory]
    [InlineData("year=25", "year")]
    [InlineData("asAt=2025-02-30", "asAt")]
    [InlineData("", "asAt")]
    [InlineData("year=2025&asAt=2025-03-31", "year")]
    [InlineData("year=2025&knownAt=yesterday", "knownAt")]
    [InlineData("year=2025&format=xml", "format")]
    public async Task a_bad_query_parameter_gets_a_problem_naming_it(string query, string field)
    {
        var response = await indicators.ClientFor("807", CareTracking.ServiceDefaults.Auth.Scopes.IndicatorsRead).GetAsync($"/api/indicators/committee?{query}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (string?)(await response.Body())["field"]);
    }

    [Fact]
    public async Task the_iro_lists_show_reviews_due_soon_and_overdue()
    {
        await using var s = Scenario("808");
        // First review due 20 working days after 06/01/2025: 03/02/2025.
        await s.Entered("R1", "2025-01-06");
        await s.Reviewed("R1", new ReviewEvents.IroAllocated(D("2025-01-07"), "iro-9", "east"));
        await s.Committee("asAt=2025-01-31", r => Value(r, "cla") == 1 && Value(r, "iroAllocatedIn5DaysPct") == 100.0m);

        var dueSoon = await (await s.IroReader.GetAsync("/api/indicators/reviews/due?withinWorkingDays=5&asAt=2025-01-27")).Body();
        var notYet = await (await s.IroReader.GetAsync("/api/indicators/reviews/due?withinWorkingDays=4&asAt=2025-01-27")).Body();
        var overdue = await (await s.IroReader.GetAsync("/api/indicators/reviews/overdue?asAt=2025-02-04")).Body();
        var onTheDay = await (await s.IroReader.GetAsync("/api/indicators/reviews/overdue?asAt=2025-02-03")).Body();
        var bad = await s.IroReader.GetAsync("/api/indicators/reviews/due?withinWorkingDays=many");

        Assert.Equal("2025-02-03", (string?)dueSoon["children"]![0]!["dueDate"]);
        Assert.Equal(("R1", 1, "iro-9"), ((string?)dueSoon["children"]![0]!["childId"], (int?)dueSoon["children"]![0]!["reviewNumber"], (string?)dueSoon["children"]![0]!["iroId"]));
        Assert.Empty(notYet["children"]!.AsArray());
        Assert.Equal("R1", (string?)overdue["children"]![0]!["childId"]);
        Assert.Empty(onTheDay["children"]!.AsArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("withinWorkingDays", (string?)(await bad.Body())["field"]);
        Assert.True(await stack.ScalarAsync("select count(*) from eventstore.ct_child_read_audit where authority = '808' and child_id = 'R1'") >= 2);
    }

    [Fact]
    public async Task the_ready_endpoint_shows_the_projection_lag()
    {
        var client = indicators.CreateClient();
        var ready = await Eventually.Within(TimeSpan.FromSeconds(20), () => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK);
        var body = await ready.Body();
        Assert.Equal("Healthy", (string?)body["checks"]!["projections"]!["status"]);
        Assert.NotNull((long?)body["checks"]!["projections"]!["data"]!["indicators-child-events"]!["lag"]);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}
