using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using CareTracking.IntegrationTests.Demo;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.Testing;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Import;

/// <summary>The fake 903 return (first 60 children) loaded through Placements, Missing episodes and Reviews in-process.</summary>
public sealed class Import903Tests(DemoStack stack, ITestOutputHelper output) : IClassFixture<DemoStack>
{
    private const int Children = 60;

    [Fact]
    public async Task every_row_is_posted_or_rejected_a_second_run_appends_nothing_and_the_episodes_read_back_as_imported()
    {
        var records = ReturnReader.Read(FakeReturnFixture.Folder()).FirstChildren(Children);
        var plan = ImportMapping.Map(records, DemoStack.Authority, DateOnly.FromDateTime(DateTime.UtcNow));
        var clients = new ImportClients(stack.PlacementsClient(), stack.MissingClient(), stack.ReviewsClient());
        var options = new ImportOptions(Parallelism: 4, CareWait: TimeSpan.FromSeconds(15));

        var first = await Importer.RunAsync(plan, clients, options);
        var afterFirst = await stack.SettledEventCountAsync();
        output.WriteLine(ImportSummary.Describe(first));
        foreach (var r in first.Rejections.Where(r => !r.Rule.StartsWith("import.", StringComparison.Ordinal)).Take(40))
            output.WriteLine($"{r.Row} {r.Child} {r.Command} {r.Field} {r.Rule}: {r.Message}");

        Assert.All(first.Counts, c => Assert.True(c.AddsUp, $"{c.File}: read {c.Read}, posted {c.Posted}, rejected {c.Rejected}"));
        Assert.Equal(records.All.Count(), first.Counts.Sum(c => c.Posted + c.Rejected));
        Assert.Contains(first.Counts, c => c.File == ReturnFile.Episodes && c.Posted > 0);
        Assert.Contains(first.Counts, c => c.File == ReturnFile.Reviews && c.Posted > 0);
        // A service's refusal is reported with its problem details: a field and a rule of the service.
        Assert.All(first.Rejections.Where(r => r.Command is not null), r => Assert.False(string.IsNullOrEmpty(r.Rule)));

        var second = await Importer.RunAsync(plan, clients, options);
        Assert.Equal(afterFirst, await stack.SettledEventCountAsync());
        Assert.Equal(first.Counts, second.Counts);

        // Hand-checked, child 681415 in episodes.csv (data rows 44-46, file lines 45-47):
        //   44: 681415,10/05/2015,S,L2,N3,A3,PR4,30/04/2017,X1,...,URN 4575376
        //   45: 681415,30/04/2017,L,C1,N3,A3,PR4,07/12/2017,X1,...
        //   46: 681415,07/12/2017,P,C1,N3,U5,PR5,(no DEC),E4B   rejected by the importer: REC with no DEC
        // so Placements holds the first episode ended by X1 and the second still open (its end came with row 46).
        Assert.True(first.IsPosted(new RowRef(ReturnFile.Episodes, 44)) && first.IsPosted(new RowRef(ReturnFile.Episodes, 45)));
        Assert.Equal(ImportRules.RecWithoutDec, first.Rejections.Single(r => r.Row == new RowRef(ReturnFile.Episodes, 46)).Rule);
        var episodes = await stack.Placements.ClientFor(DemoStack.Authority, Scopes.PlacementsRead).GetFromJsonAsync<JsonArray>("/api/children/681415/episodes");
        Assert.Equal(
            [("2015-05-10", "S", "L2", "A3", "PR4", "4575376", "2017-04-30", "X1"), ("2017-04-30", "L", "C1", "A3", "PR4", "4575376", null, null)],
            episodes!.Select(e => ((string?)e!["decom"], (string?)e["rne"], (string?)e["ls"], (string?)e["place"], (string?)e["placeProvider"],
                (string?)e["urn"], (string?)e["dec"], (string?)e["rec"])).ToList());
    }

    [Fact]
    public async Task missing_rows_with_MIS_END_load_as_history_that_sends_the_police_nothing()
    {
        // The children of missing.csv with their care histories (none of them is among the first 60 of header.csv).
        // Every missing row of the fixture has MIS_END, so every report is recorded after its return: held (202)
        // for a child whose entry to care Placements refused, or confirmed by its care message; never alerted.
        var all = ReturnReader.Read(FakeReturnFixture.Folder());
        var children = all.Missing.Select(m => m.Child).ToHashSet();
        var records = new ReturnRecords([.. all.Headers.Where(h => children.Contains(h.Child))], [.. all.Episodes.Where(e => children.Contains(e.Child))],
            [], all.Missing, []);
        Assert.All(records.Missing, m => Assert.NotEqual("", m.MisEnd));
        var plan = ImportMapping.Map(records, DemoStack.Authority, DateOnly.FromDateTime(DateTime.UtcNow));

        var result = await Importer.RunAsync(plan, new ImportClients(stack.PlacementsClient(), stack.MissingClient(), stack.ReviewsClient()),
            new ImportOptions(Parallelism: 4, CareWait: TimeSpan.FromSeconds(15)));
        await stack.SettledEventCountAsync();
        output.WriteLine(ImportSummary.Describe(result));

        var missing = result.Counts.Single(c => c.File == ReturnFile.Missing);
        Assert.True(missing.Posted > 0 && missing.AddsUp, $"missing.csv: read {missing.Read}, posted {missing.Posted}, rejected {missing.Rejected}");
        Assert.Equal(missing.Posted, await stack.ScalarAsync(
            $"select count(*) from eventstore.mt_events where type = 'missing.child-returned.v1' and stream_id like 'episode:%'"));
        // Some of them are incidents for a child known to be in care (the old two posts would have alerted those).
        var incidents = await stack.ScalarAsync("select count(*) from eventstore.mt_events where type = 'missing.missing-episode-reported.v1'"
            + " and (data->>'awaitingCareConfirmation' = 'false' or stream_id in (select stream_id from eventstore.mt_events where type = 'missing.episode-care-confirmed.v1'))");
        output.WriteLine($"missing reports: {missing.Posted}, incidents (in care when last seen): {incidents}");
        Assert.True(incidents > 0);
        Assert.Equal(0, await stack.ScalarAsync($"select count(*) from eventstore.ct_outbox where transport = 'amqp' and {PoliceRefs.SqlAbout(children, DemoStack.Authority)}"));
    }
}
