using System.Net;
using System.Text.Json.Nodes;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using static CareTracking.IntegrationTests.Indicators.IndicatorsScenario;

namespace CareTracking.IntegrationTests.Indicators;

/// <summary>Adoption journeys and social workers posted to Placements over HTTP → Indicators' projection → the
/// committee report (JSON and CSV), against hand-computed figures. Authority 871, used by no other test.</summary>
public sealed class AdoptionIndicatorsEndToEndTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private const string Authority = "871";
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    private async Task Post(string url, object body)
    {
        var response = await placements.ClientFor(Authority, Scopes.PlacementsWrite).Post(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task Entered(string child, string date, string dateOfBirth, string ethnicity) =>
        Post($"/api/children/{child}/entered-care", new
        {
            date, legalStatus = "C2", categoryOfNeed = "N1", placement = Placement("U4"), homePostcode = "DE1 1AA",
            child = new { sex = "F", dateOfBirth, ethnicity, uasc = false },
        });

    /// <summary>
    /// Year ending 31/03/2025.
    /// A: entered 01/06/2023, decision 01/10/2023, placement order (E1) 01/01/2024, matched 01/03/2024, placed A6
    ///    15/04/2024, adopted (E12) 01/12/2024. A1 = A10 = 319; A2 = 60. BAFR; 5 on the order date.
    /// B: entered 10/01/2024 with the carers who adopt her, decision 01/05/2024, E1 01/06/2024, matched with them as
    ///    former foster carers 01/08/2024, A5 same carers 01/09/2024, adopted (E11) 01/02/2025. A1 = 235; A10 = 0
    ///    (she moved in with them the day she entered care); A2 = 61. WBRI; aged 2.
    /// C: entered 10/04/2024; decision 01/06/2024 reversed (RD3) 01/09/2024; decided again 01/11/2024 and still in
    ///    foster care on 31/03/2025: waiting 150 days. Social workers SW2 (10/04), SW3 (01/08), XX4 (01/12): 3.
    /// </summary>
    private async Task GivenTheJourneys()
    {
        await Entered("A", "2023-06-01", "2019-01-01", "BAFR");
        await Post("/api/children/A/social-workers", new { from = "2023-06-01", socialWorkerId = "SW1", reason = "FCONTA" });
        await Post("/api/children/A/adoption-decisions", new { date = "2023-10-01" });
        await Post("/api/children/A/legal-status-changes", new { date = "2024-01-01", legalStatus = "E1" });
        await Post("/api/children/A/adoption-matches", new { date = "2024-03-01", numberOfAdopters = 2, adopterSex = "MF", adopterLegalStatus = "L11", formerFosterCarers = false });
        await Post("/api/children/A/placement-moves", new { date = "2024-04-15", placement = Placement("A6"), sameCarer = false, reason = "CARPL" });
        await Post("/api/children/A/ceased-care", new { date = "2024-12-01", reason = "E12" });

        await Entered("B", "2024-01-10", "2022-03-03", "WBRI");
        await Post("/api/children/B/adoption-decisions", new { date = "2024-05-01" });
        await Post("/api/children/B/legal-status-changes", new { date = "2024-06-01", legalStatus = "E1" });
        await Post("/api/children/B/adoption-matches", new { date = "2024-08-01", numberOfAdopters = 1, adopterSex = "F1", adopterLegalStatus = "L0", formerFosterCarers = true });
        await Post("/api/children/B/placement-moves", new { date = "2024-09-01", placement = Placement("A5"), sameCarer = true, reason = "CARPL" });
        await Post("/api/children/B/ceased-care", new { date = "2025-02-01", reason = "E11" });

        await Entered("C", "2024-04-10", "2021-05-05", "WBRI");
        await Post("/api/children/C/adoption-decisions", new { date = "2024-06-01" });
        await Post("/api/children/C/adoption-decision-reversals", new { date = "2024-09-01", reason = "RD3" });
        await Post("/api/children/C/adoption-decisions", new { date = "2024-11-01" });
        await Post("/api/children/C/social-workers", new { from = "2024-04-10", socialWorkerId = "SW2", reason = "FCONTA" });
        await Post("/api/children/C/social-workers", new { from = "2024-08-01", socialWorkerId = "SW3", reason = "LEFTRL" });
        await Post("/api/children/C/social-workers", new { from = "2024-12-01", socialWorkerId = "XX4", reason = "ABSENC" });
    }

    private static Measure Of(JsonNode report, string key) =>
        new((decimal?)report["measures"]![key]!["value"], (int?)report["measures"]![key]!["numerator"], (int?)report["measures"]![key]!["denominator"]);

    private sealed record Measure(decimal? Value, int? Numerator, int? Denominator);

    [Fact]
    public async Task the_adoption_scorecard_and_social_worker_figures_come_from_the_posted_journeys()
    {
        await GivenTheJourneys();
        var reader = indicators.ClientFor(Authority, Scopes.IndicatorsRead);

        var report = await Eventually.Within(TimeSpan.FromSeconds(20),
            async () => await (await reader.GetAsync("/api/indicators/committee?year=2025")).Body(),
            r => Value(r, "adoptions") == 2 && Value(r, "socialWorkerThreePlusPct") is not null && Value(r, "adoptionDecisions") == 4);

        Assert.Equal(new Measure(277m, 554, 2), Of(report, "adoptionA1Days"));       // (319 + 235) / 2
        Assert.Equal(new Measure(160m, 319, 2), Of(report, "adoptionA10Days"));      // (319 + 0) / 2 = 159.5
        Assert.Equal(new Measure(61m, 121, 2), Of(report, "adoptionA2Days"));        // (60 + 61) / 2 = 60.5
        Assert.Equal(-60m, Value(report, "adoptionA2DaysVsThreshold"));
        Assert.Equal(new Measure(50.0m, 1, 2), Of(report, "adoptionMinorityEthnicPct"));
        Assert.Equal(new Measure(50.0m, 1, 2), Of(report, "adoptionAgedFivePlusPct"));
        Assert.Equal(new Measure(1, 1, null), Of(report, "adoptionDecisionNotPlaced"));
        Assert.Equal(new Measure(150m, 150, 1), Of(report, "adoptionDecisionNotPlacedAvgDays"));
        Assert.Equal(new Measure(100.0m, 1, 1), Of(report, "adoptionDecisionsReversedByReason.RD3"));
        Assert.Equal(new Measure(100.0m, 1, 1), Of(report, "socialWorkerThreePlusPct"));  // C is the only child looked after at 31/03
        Assert.Equal(3040m, (decimal?)report["benchmarks"]!["adoptions"]!["national"]);  // England, 2024/25
        Assert.StartsWith("A10:", (string?)report["definitions"]!["adoptionA10Days"]);

        var csv = await (await reader.GetAsync("/api/indicators/committee?year=2025&format=csv")).Content.ReadAsStringAsync();
        // Two children adopted: withheld in the file, averages included (SmallNumbers).
        Assert.Contains("\r\nmeasure,adoptionA10Days,c,c,c,,,\"A10:", csv);
        Assert.Contains("\r\nmeasure,adoptions,c,c,,3040,,", csv);
    }

    /// <summary>
    /// Authority 872. D: entered 01/05/2023 (U4), decision 01/07/2023, the parents' consent 15/08/2023 (no placement
    /// order), matched 01/11/2023, placed A4 01/12/2023, adopted (E11) 01/03/2024: A2 = 15/08 → 01/11/2023 = 78 days.
    /// A consent while a placement order is in force, or with no decision standing, is refused (422, nothing stored).
    /// </summary>
    [Fact]
    public async Task a2_for_a_child_placed_with_consent_runs_from_the_posted_consent()
    {
        const string authority = "872";
        var writer = placements.ClientFor(authority, Scopes.PlacementsWrite);
        async Task Created(string url, object body)
        {
            var response = await writer.Post(url, body);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        await Created("/api/children/D/entered-care", new
        {
            date = "2023-05-01", legalStatus = "C2", categoryOfNeed = "N1", placement = Placement("U4"), homePostcode = "DE1 1AA",
            child = new { sex = "M", dateOfBirth = "2022-01-01", ethnicity = "WBRI", uasc = false },
        });
        var refused = await writer.Post("/api/children/D/adoption-consents", new { date = "2023-06-01" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("adoption.consent-without-decision", await refused.Content.ReadAsStringAsync());
        await Created("/api/children/D/adoption-decisions", new { date = "2023-07-01" });
        await Created("/api/children/D/adoption-consents", new { date = "2023-08-15" });
        await Created("/api/children/D/adoption-matches", new { date = "2023-11-01", numberOfAdopters = 2, adopterSex = "MF", adopterLegalStatus = "L11", formerFosterCarers = false });
        await Created("/api/children/D/placement-moves", new { date = "2023-12-01", placement = Placement("A4"), sameCarer = false, reason = "CARPL" });
        await Created("/api/children/D/ceased-care", new { date = "2024-03-01", reason = "E11" });

        await Created("/api/children/E/entered-care", new
        {
            date = "2023-05-01", legalStatus = "C2", categoryOfNeed = "N1", placement = Placement("U4"), homePostcode = "DE1 1AA",
            child = new { sex = "M", dateOfBirth = "2022-01-01", ethnicity = "WBRI", uasc = false },
        });
        await Created("/api/children/E/adoption-decisions", new { date = "2023-07-01" });
        await Created("/api/children/E/legal-status-changes", new { date = "2023-08-01", legalStatus = "E1" });
        var underOrder = await writer.Post("/api/children/E/adoption-consents", new { date = "2023-08-15" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, underOrder.StatusCode);
        Assert.Contains("adoption.placement-order-in-force", await underOrder.Content.ReadAsStringAsync());

        var reader = indicators.ClientFor(authority, Scopes.IndicatorsRead);
        var report = await Eventually.Within(TimeSpan.FromSeconds(20),
            async () => await (await reader.GetAsync("/api/indicators/committee?year=2024")).Body(),
            r => Value(r, "adoptions") == 1);
        Assert.Equal(new Measure(78m, 78, 1), Of(report, "adoptionA2Days"));
        Assert.Equal(0m, Value(report, "adoptionA2NotMeasured"));
        Assert.Equal(3L, await stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '{authority}' and stream_id = 'E'")); // entry, decision, order: no consent
    }
}
