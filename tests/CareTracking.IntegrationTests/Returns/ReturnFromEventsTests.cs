using System.Net;
using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using static CareTracking.IntegrationTests.Indicators.IndicatorsScenario;
using HealthService = CareTracking.Health.HealthHost;
using LeavingCareService = CareTracking.LeavingCare.LeavingCareHost;

namespace CareTracking.IntegrationTests.Returns;

/// <summary>
/// The 2023/24 return's OC2, OC3, AD1, SWEpisodes and PrevPerm tables, and the header's UPN and MOTHER, filled from facts posted to the real
/// Placements, Health and Leaving-care services over HTTP (not from hand-built records, nor from an imported return):
/// Indicators reads them from the feed and writes them as the DfE validator reads them. Rows hand-computed below.
/// Authority 879, used by no other test.
/// </summary>
public sealed class ReturnFromEventsTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private const string Authority = "879";
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();
    private readonly ServiceHost<HealthService> health = stack.Start<HealthService>();
    private readonly ServiceHost<LeavingCareService> leavingCare = stack.Start<LeavingCareService>();
    private readonly ServiceHost<IndicatorsHost> indicators = stack.Start<IndicatorsHost>();

    private static async Task Post(HttpClient client, string url, object body)
    {
        var response = await client.Post(url, body);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted,
            $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task Placements(string url, object body) => Post(placements.ClientFor(Authority, Scopes.PlacementsWrite), url, body);
    private Task Health(string url, object body) => Post(health.ClientFor(Authority, Scopes.HealthWrite), url, body);
    private Task LeavingCare(string url, object body) => Post(leavingCare.ClientFor(Authority, Scopes.LeavingCareWrite), url, body);

    /// <summary>Every child with a UPN; a girl with MOTHER 0, a boy with none (MOTHER is asked of girls only).</summary>
    private Task Entered(string child, string date, string dateOfBirth, string upn, string sex = "F", object? previousPermanence = null) =>
        Placements($"/api/children/{child}/entered-care", new
        {
            date, legalStatus = "C2", categoryOfNeed = "N1", placement = Placement("U4"), homePostcode = "DE1 1AA",
            child = new { sex, dateOfBirth, ethnicity = "WBRI", uasc = false, upn, mother = sex == "F" ? false : (bool?)null }, previousPermanence,
        });

    /// <summary>
    /// Year 2023/24 (1 April 2023 to 31 March 2024).
    /// HEALTHY: 11, looked after since 10/01/2021 (the OC2 cohort). SDQ 14 (01/05/2023), a review health assessment
    ///   (01/07/2023), immunisations up to date (01/09/2023), a dental check (01/10/2023); no conviction, no misuse.
    ///   Social workers SW100 from 10/01/2021 (FCONTA), SW200 from 01/09/2023 (LEFTRL).
    /// LEAVER: born 15/06/2005, looked after from 01/01/2019 (13) until 10/01/2023 (E8): former relevant on her 18th
    ///   birthday, 15/06/2023. Contacts 01/04/2023 (NO) and 20/06/2023 (YES, F2, Z1): the nearest the birthday is 20 June.
    ///   Personal adviser PA77 from 05/01/2023.
    /// ADOPTED: entered with UPN UN1, her UPN learnt on 01/09/2022 (POST /header); decision 01/10/2022, placement order 01/01/2023, matched 01/03/2023 (MF, L11, not former foster carers),
    ///   placed A6 15/04/2023, adopted (E12) 01/12/2023.
    /// NEWCOMER: entered care 01/05/2023 after a special guardianship order made by 831 in May 2019 (month known);
    ///   social worker SW300 from that day (FCONTA).
    /// </summary>
    private async Task GivenTheHistories()
    {
        await Entered("HEALTHY", "2021-01-10", "2012-06-15", "A879000000001", sex: "M");
        await Placements("/api/children/HEALTHY/social-workers", new { from = "2021-01-10", socialWorkerId = "SW100", reason = "FCONTA" });
        await Placements("/api/children/HEALTHY/social-workers", new { from = "2023-09-01", socialWorkerId = "SW200", reason = "LEFTRL" });
        await Health("/api/children/HEALTHY/sdq", new { date = "2023-05-01", score = 14 });
        await Health("/api/children/HEALTHY/health-assessments", new { date = "2023-07-01", kind = "review" });
        await Health("/api/children/HEALTHY/immunisations", new { date = "2023-09-01", upToDate = true });
        await Health("/api/children/HEALTHY/dental-checks", new { date = "2023-10-01" });

        await Entered("LEAVER", "2019-01-01", "2005-06-15", "A879000000002");
        await Placements("/api/children/LEAVER/ceased-care", new { date = "2023-01-10", reason = "E8" });
        await LeavingCare("/api/care-leavers/LEAVER/contacts", new { date = "2023-04-01", inTouch = "NO", activity = "0", accommodation = "0" });
        await LeavingCare("/api/care-leavers/LEAVER/contacts", new { date = "2023-06-20", inTouch = "YES", activity = "F2", accommodation = "Z1" });
        await LeavingCare("/api/care-leavers/LEAVER/personal-adviser", new { date = "2023-01-05", adviserId = "PA77" });

        await Entered("ADOPTED", "2022-06-01", "2019-01-01", "UN1");
        await Placements("/api/children/ADOPTED/header", new { date = "2022-09-01", upn = "A879000000003" });
        await Placements("/api/children/ADOPTED/adoption-decisions", new { date = "2022-10-01" });
        await Placements("/api/children/ADOPTED/legal-status-changes", new { date = "2023-01-01", legalStatus = "E1" });
        await Placements("/api/children/ADOPTED/adoption-matches", new { date = "2023-03-01", numberOfAdopters = 2, adopterSex = "MF", adopterLegalStatus = "L11", formerFosterCarers = false });
        await Placements("/api/children/ADOPTED/placement-moves", new { date = "2023-04-15", placement = Placement("A6"), sameCarer = false, reason = "CARPL" });
        await Placements("/api/children/ADOPTED/ceased-care", new { date = "2023-12-01", reason = "E12" });

        await Entered("NEWCOMER", "2023-05-01", "2015-03-03", "A879000000004", previousPermanence: new { option = "P2", date = "2019-05", authority = "831" });
        await Placements("/api/children/NEWCOMER/social-workers", new { from = "2023-05-01", socialWorkerId = "SW300", reason = "FCONTA" });
    }

    [Fact]
    public async Task oc2_oc3_ad1_sw_episodes_prev_perm_and_annex_a_list_9_come_from_the_posted_facts_and_the_check_finds_nothing()
    {
        await GivenTheHistories();
        var reader = indicators.ClientFor(Authority, Scopes.ReturnsRead);

        // Until Indicators has copied the last fact posted (NEWCOMER's social worker, the third SW row): it copies in
        // stored order, so every fact before it is there too. Waiting for NEWCOMER's entry alone let the return be read
        // between the two, once in CI.
        var files = await Eventually.Within(TimeSpan.FromSeconds(30), async () => await Return903Tests.ExportAsync(reader, 2024),
            f => f.TryGetValue("oc2.csv", out var oc2) && oc2.Count == 2 && f.TryGetValue("oc3.csv", out var oc3) && oc3.Count == 2
                && oc3[1].Contains("YES", StringComparison.Ordinal) && f["ad1.csv"].Count == 2 && f["previous_permanence.csv"].Count == 2
                && f.TryGetValue("sw_episodes.csv", out var sw) && sw.Count == 4);

        Assert.Equal(
        [
            "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
            // 11 on 31 March: CONVICTED asked (10 and over), HEALTH_CHECK not (under 5 only); no misuse, so no intervention flags.
            "HEALTHY,15/06/2012,14,,0,,1,1,1,0,,",
        ], files["oc2.csv"]);
        Assert.Equal(["CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", "LEAVER,15/06/2005,YES,F2,Z1"], files["oc3.csv"]);
        Assert.Equal(
        [
            "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
            "ADOPTED,01/01/2019,01/10/2022,01/03/2023,0,2,MF,L11",
        ], files["ad1.csv"]);
        Assert.Equal(
        [
            "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
            "HEALTHY,15/06/2012,SW100,10/01/2021,01/09/2023,FCONTA",
            "HEALTHY,15/06/2012,SW200,01/09/2023,,LEFTRL",
            "NEWCOMER,03/03/2015,SW300,01/05/2023,,FCONTA",
        ], files["sw_episodes.csv"]);
        Assert.Equal(["CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM", "NEWCOMER,03/03/2015,P2,831,zz/05/2019"], files["previous_permanence.csv"]);
        // Every child of a table has a header row; the care leaver left care before the year and is there for OC3, so
        // her MOTHER is not written (validator rule 165); the boy has none; the girls looked after in the year have 0.
        Assert.Equal(
        [
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
            "ADOPTED,2,01/01/2019,WBRI,A879000000003,0,",
            "HEALTHY,1,15/06/2012,WBRI,A879000000001,,",
            "LEAVER,2,15/06/2005,WBRI,A879000000002,,",
            "NEWCOMER,2,03/03/2015,WBRI,A879000000004,0,",
        ], files["header.csv"]);

        await Return903Tests.AssertXmlHoldsTheSameRowsAsync(reader, 2024, files);

        var check = await reader.GetAsync("/api/returns/903/2024/check");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("[]", (await check.Content.ReadAsStringAsync()).Trim());

        // Annex A List 9 as at 01/07/2023: LEAVER (18, former relevant) is the only young person with a leaving-care status;
        // her latest contact by then is that of 20 June (in touch, Z1: with former foster carers, suitable; F2).
        var lines = await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
        {
            var csv = await reader.GetAsync("/api/returns/annex-a/9?asAt=2023-07-01");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            return (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        }, l => l.Length == 2 && l[1].Contains("PA77", StringComparison.Ordinal));
        Assert.Equal(
        [
            "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Does the Child have a Disability,Allocated Team,Allocated Worker,"
                + "Eligibility Category,LA in Touch,Type of Accommodation,Suitability of Accommodation,Activity Status",
            "LEAVER,F,WBRI,15/06/2005,18,,,PA77,Former relevant,YES,Z,Suitable,F2",
        ], lines);
        var xlsx = await reader.GetAsync("/api/returns/annex-a/9?asAt=2023-07-01&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal([.. lines.Select(l => l.Split(','))], Return903Tests.SheetRows(await xlsx.Content.ReadAsByteArrayAsync(), "List_9"));
    }
}
