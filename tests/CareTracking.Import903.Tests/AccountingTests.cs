using System.Net;
using System.Text;
using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using CareTracking.Testing;
using static CareTracking.Import903.Tests.Rows;

namespace CareTracking.Import903.Tests;

public class AccountingTests
{
    private static string FixtureFolder() => FakeReturnFixture.Folder();

    [Fact]
    public void every_row_of_the_fake_return_is_either_to_be_posted_or_rejected()
    {
        var records = ReturnReader.Read(FixtureFolder());
        var plan = ImportMapping.Map(records, "831", Today);
        var result = Importer.DryRun(plan);

        Assert.Equal(2675, plan.RowsRead[ReturnFile.Header]);
        Assert.Equal(5050, plan.RowsRead[ReturnFile.Episodes]);
        Assert.Equal(132, plan.RowsRead[ReturnFile.Uasc]);
        Assert.Equal(43, plan.RowsRead[ReturnFile.Missing]);
        Assert.Equal(12582, plan.RowsRead[ReturnFile.Reviews]);
        foreach (var counts in result.Counts)
            Assert.True(counts.AddsUp, $"{counts.File}: read {counts.Read}, to post {counts.Posted}, rejected {counts.Rejected}");
        // Each row once: the steps, carried rows and rejections never name the same row twice.
        var rows = plan.Steps.Select(s => s.Row).Concat(plan.Carried.Select(c => c.Row)).Concat(plan.Rejections.Select(r => r.Row)).ToList();
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(records.All.Count(), rows.Count);
        // The fixture's known faults are reported with their reasons.
        Assert.Contains(result.Rejections, r => r.Rule == ImportRules.ContinuationWithoutStart);
        Assert.Contains(result.Rejections, r => r.Rule == ImportRules.X1WithoutDec);
        Assert.Contains(result.Rejections, r => r.Rule == ImportRules.DependsOnRejected);
        Assert.Equal(ReturnFile.All.Sum(f => plan.RowsRead[f]), result.Done);
    }

    [Fact]
    public void the_first_children_keep_only_their_own_rows()
    {
        var records = ReturnReader.Read(FixtureFolder()).FirstChildren(60);
        var children = records.Headers.Select(h => h.Child).ToHashSet();
        Assert.Equal(60, children.Count);
        Assert.All(records.All, r => Assert.Contains(r.Child, children));
    }

    [Fact]
    public async Task rows_of_a_period_whose_start_the_service_rejected_are_reported_not_posted()
    {
        var plan = MapEpisodes(
            Episode(1, "01/04/2016", "S", dec: "10/05/2016", rec: "X1"),
            Episode(2, "10/05/2016", "P", dec: "20/06/2016", rec: "X1"),
            Episode(3, "20/06/2016", "L"));
        var service = new StubService(path => path.EndsWith("/entered-care", StringComparison.Ordinal)
            ? (HttpStatusCode.UnprocessableEntity, """{"field":"placement.urn","rule":"placement.urn-format","detail":"A URN is SC and 6 digits."}""")
            : (HttpStatusCode.Created, "{}"));

        var result = await Importer.RunAsync(plan, service.Clients());

        var start = Assert.Single(result.Rejections, r => r.Row.File == ReturnFile.Episodes && r.Row.Number == 1);
        Assert.Equal(("placement.urn", "placement.urn-format", "A URN is SC and 6 digits.", "entered-care"), (start.Field, start.Rule, start.Message, start.Command));
        Assert.All(result.Rejections.Where(r => r.Row.File == ReturnFile.Episodes && r.Row.Number > 1),
            r => Assert.Equal(ImportRules.DependsOnRejected, r.Rule));
        Assert.Equal(ImportRules.NothingAccepted, Assert.Single(result.Rejections, r => r.Row.File == ReturnFile.Header).Rule);
        Assert.Equal(["/api/children/C1/entered-care"], service.Paths);
    }

    [Fact]
    public async Task accepted_rows_and_their_carried_header_are_posted()
    {
        var plan = MapEpisodes(Episode(1, "01/04/2016", "S", dec: "10/05/2016", rec: "X1"), Episode(2, "10/05/2016", "P", dec: "01/07/2016", rec: "E8"));
        var service = new StubService(_ => (HttpStatusCode.Created, "{}"));

        var result = await Importer.RunAsync(plan, service.Clients());

        Assert.Empty(result.Rejections);
        Assert.Equal(new FileCounts(ReturnFile.Episodes, 2, 2, 0), result.Counts.Single(c => c.File == ReturnFile.Episodes));
        Assert.Equal(new FileCounts(ReturnFile.Header, 1, 1, 0), result.Counts.Single(c => c.File == ReturnFile.Header));
        Assert.Equal(["/api/children/C1/entered-care", "/api/children/C1/placement-moves", "/api/children/C1/ceased-care"], service.Paths);
    }

    [Fact]
    public void a_second_outcome_for_a_row_breaks_the_accounting()
    {
        var result = new ImportResult(MapEpisodes(), dryRun: true);
        result.Posted(new RowRef(ReturnFile.Episodes, 1));
        Assert.Throws<AccountingBroken>(() => result.Posted(new RowRef(ReturnFile.Episodes, 1)));
    }

    private sealed class StubService(Func<string, (HttpStatusCode, string)> answer) : HttpMessageHandler
    {
        private readonly List<string> paths = [];
        public IReadOnlyList<string> Paths { get { lock (paths) return [.. paths]; } }

        public ImportClients Clients() => new(Client(), Client(), Client());

        private HttpClient Client() => new(this, disposeHandler: false) { BaseAddress = new Uri("http://stub/") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            lock (paths) paths.Add(path);
            var (status, body) = answer(path);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/problem+json") });
        }
    }
}
