using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using CareTracking.IntegrationTests.Demo;
using CareTracking.IntegrationTests.Harness;
using CareTracking.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Import;

/// <summary>
/// oc2.csv and oc3.csv imported through the real Health and Leaving-care services, after the care histories they
/// hang on have gone through Placements and reached those services as care-period messages (issue 11). Year
/// 2022/23: OC002 has been looked after since 2020 (the OC2 cohort); OC001 left care on her 18th birthday,
/// 1 June 2022, so her OC3 contact is dated that day. HEALTH_CHECK (development checks) is blank: OC002 is 10.
/// </summary>
public sealed class OutcomeImportTests(DemoStack stack, ITestOutputHelper output) : IClassFixture<DemoStack>
{
    private static readonly Dictionary<string, string[]> Files = new()
    {
        ["header.csv"] = ["CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", "OC001,2,01/06/2004,WBRI,,,", "OC002,1,01/06/2012,WBRI,,,"],
        ["episodes.csv"] =
        [
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
            "OC001,10/01/2018,S,C2,N1,U4,PR1,01/06/2022,E17,,DE1 1AA,DE22 3NE,SC123456",
            "OC002,10/01/2020,S,C2,N1,U4,PR1,,,,DE1 1AA,DE22 3NE,SC123456",
        ],
        ["oc2.csv"] =
        [
            "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
            "OC002,01/06/2012,14,,0,,1,1,1,0,,",
        ],
        ["oc3.csv"] = ["CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", "OC001,01/06/2004,YES,F2,D1"],
        ["uasc.csv"] = ["CHILD,SEX,DOB,DUC"],
        ["missing.csv"] = ["CHILD,DOB,MISSING,MIS_START,MIS_END"],
        ["reviews.csv"] = ["CHILD,DOB,REVIEW,REVIEW_CODE"],
    };

    [Fact]
    public async Task oc2_and_oc3_rows_become_health_facts_and_a_care_leaver_contact_and_a_second_run_appends_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ct-outcomes-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var (file, lines) in Files) File.WriteAllLines(Path.Combine(folder, file), lines);
        ImportResult first, second;
        try
        {
            var plan = ImportMapping.Map(ReturnReader.Read(folder), DemoStack.Authority, DateOnly.FromDateTime(DateTime.UtcNow), collectionYear: 2023);
            var clients = new ImportClients(stack.PlacementsClient(), stack.MissingClient(), stack.ReviewsClient(), stack.HealthClient(), stack.LeavingCareClient());
            var options = new ImportOptions(Parallelism: 2, CareWait: TimeSpan.FromSeconds(20));
            first = await Importer.RunAsync(plan, clients, options);
            output.WriteLine(ImportSummary.Describe(first));
            // The summary no longer claims the outcome tables are skipped.
            Assert.DoesNotContain("oc2", ImportSummary.Describe(first).Split("not imported:")[1]);
            var afterFirst = await stack.SettledEventCountAsync();
            second = await Importer.RunAsync(plan, clients, options);
            Assert.Equal(afterFirst, await stack.SettledEventCountAsync());
        }
        finally { Directory.Delete(folder, recursive: true); }

        Assert.Empty(first.Rejections);
        Assert.Contains(first.Counts, c => c.File == ReturnFile.Oc2 && c.Posted == 1);
        Assert.Contains(first.Counts, c => c.File == ReturnFile.Oc3 && c.Posted == 1);
        Assert.Equal(first.Counts, second.Counts);

        // OC2: a dental check (TEETH_CHECK 1) dated 31 March 2023 is in OC002's health record.
        var health = await stack.Health.ClientFor(DemoStack.Authority, Scopes.HealthRead).GetFromJsonAsync<JsonNode>("/api/children/OC002/health?asAt=2023-04-01");
        Assert.Contains("2023-03-31", health!.ToJsonString());
        Assert.True(await stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'health:OC002' and type like '%dental%'") == 1);

        // OC3: once Leaving care knows her care history, her 2022/23 row is the imported contact.
        var careLeavers = stack.LeavingCare.ClientFor(DemoStack.Authority, Scopes.LeavingCareRead);
        var view = await Eventually.Within(TimeSpan.FromSeconds(30),
            async () => await careLeavers.GetFromJsonAsync<JsonNode>("/api/care-leavers/OC001?asAt=2023-03-31&year=2023"),
            v => v?["oc3"]?["inTouch"] is not null);
        Assert.Equal(("YES", "F2", "D1"), ((string?)view!["oc3"]!["inTouch"], (string?)view["oc3"]!["activity"], (string?)view["oc3"]!["accommodation"]));
    }
}
