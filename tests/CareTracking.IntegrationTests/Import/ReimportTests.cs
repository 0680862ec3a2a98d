using System.Net;
using CareTracking.CaseSystemClient;
using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Import;

/// <summary>A return imported by an importer from before the entry to care carried UPN, MOTHER and MC_DOB, imported
/// again: the entry's event id is the same and its body is not (Placements answers 409 event-id.reused), so the row is
/// taken as imported and the header facts follow as a change (POST /header); a further run appends nothing. Against the
/// real Placements service; authority 878, used by no other test.</summary>
public sealed class ReimportTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private const string Authority = "878";
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();

    private static string WriteReturn()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ct-reimport-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ReturnFile.Header), "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nRI001,2,01/02/2008,WBRI,A878000000001,1,03/04/2023\r\n");
        File.WriteAllText(Path.Combine(folder, ReturnFile.Episodes),
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n"
            + "RI001,01/05/2022,S,C2,N1,U4,PR1,,,,DE1 1AA,DE22 3NE,SC123456\r\n");
        File.WriteAllText(Path.Combine(folder, ReturnFile.Missing), "CHILD,DOB,MISSING,MIS_START,MIS_END\r\n");
        File.WriteAllText(Path.Combine(folder, ReturnFile.Reviews), "CHILD,DOB,REVIEW,REVIEW_CODE\r\n");
        return folder;
    }

    private Task<long> HeaderChanges() =>
        stack.ScalarAsync("select count(*) from eventstore.mt_events where type = 'placements.child-header-changed.v1'");

    private Task<long> Events() => stack.ScalarAsync("select count(*) from eventstore.mt_events");

    [Fact]
    public async Task a_return_imported_before_the_header_facts_imports_again_with_them_and_once_more_appends_nothing()
    {
        var folder = WriteReturn();
        ImportPlan plan;
        try { plan = ImportMapping.Map(ReturnReader.Read(folder), Authority, DateOnly.FromDateTime(DateTime.UtcNow)); }
        finally { Directory.Delete(folder, recursive: true); }
        var client = placements.ClientFor(Authority, Scopes.PlacementsWrite, Scopes.PlacementsRead);

        // The entry to care as the earlier importer posted it: the same event id, without UPN, MOTHER and MC_DOB.
        var entry = plan.Children.Single().Placements[0].Posts[0];
        var body = (EnteredCareBody)entry.Body;
        var earlier = body with { Child = body.Child with { Upn = null, Mother = null, MotherChildDateOfBirth = null } };
        Assert.Equal(HttpStatusCode.Created, (await client.Post(entry.Path, earlier)).StatusCode);
        var before = await Events();

        var clients = new ImportClients(client, client, client);
        var options = new ImportOptions(Parallelism: 1, CareWait: TimeSpan.FromSeconds(5), TransientWait: TimeSpan.FromSeconds(10));
        var second = await Importer.RunAsync(plan, clients, options);
        Assert.Empty(second.Rejections);
        Assert.Equal(1, await HeaderChanges());
        Assert.Equal(before + 1, await Events());
        var child = (await (await client.GetAsync("/api/children/RI001")).Body())["child"]!;
        Assert.Equal(("A878000000001", true, "2023-04-03"), ((string?)child["upn"], (bool?)child["mother"], (string?)child["motherChildDateOfBirth"]));

        var third = await Importer.RunAsync(plan, clients, options);
        Assert.Empty(third.Rejections);
        Assert.Equal(second.Counts, third.Counts);
        Assert.Equal(before + 1, await Events());
    }
}
