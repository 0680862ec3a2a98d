using System.Net;
using System.Text;
using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Tests.Rows;

namespace CareTracking.Import903.Tests;

/// <summary>Rows that need a child's care history (reviews, missing episodes) are rejected as depending on the
/// refused child, not posted to sit unmatched; the summary counts rejections by rule.</summary>
public class RefusedChildTests
{
    private static ImportPlan TwoChildrenWithReviews() => Map(Return(
        headers: [Header(child: "C1", row: 1), Header(child: "C2", row: 2)],
        episodes: [Episode(1, "01/04/2016", "S", child: "C1"), Episode(2, "01/05/2016", "S", child: "C2")],
        reviews: [new ReviewRecord(new RowRef(ReturnFile.Reviews, 1), "C1", "01/06/2016", "PN1"),
                  new ReviewRecord(new RowRef(ReturnFile.Reviews, 2), "C2", "01/07/2016", "PN1")],
        missing: [new MissingRecord(new RowRef(ReturnFile.Missing, 1), "C1", "M", "02/06/2016", "03/06/2016")]));

    [Fact]
    public async Task a_childs_reviews_and_missing_episodes_are_rejected_as_depending_on_its_refused_care_history_and_not_posted()
    {
        // Placements refuses C1's entry to care (a 422 naming a rule); everything else is accepted.
        var services = new Services(path => path.Contains("/C1/", StringComparison.Ordinal) && path.EndsWith("entered-care", StringComparison.Ordinal)
            ? (HttpStatusCode.UnprocessableEntity, """{"status":422,"rule":"care.dob-after-start","detail":"born after entering care"}""")
            : (HttpStatusCode.Created, "{}"));

        var result = await Importer.RunAsync(TwoChildrenWithReviews(), services.Clients(), new ImportOptions(Parallelism: 1));

        var c1Later = result.Rejections.Where(r => r.Child == "C1" && r.Row.File is ReturnFile.Reviews or ReturnFile.Missing).ToList();
        Assert.Equal(2, c1Later.Count);
        Assert.All(c1Later, r => Assert.Equal(ImportRules.DependsOnRefusedChild, r.Rule));
        Assert.All(c1Later, r => Assert.Contains($"first at {new RowRef(ReturnFile.Episodes, 1)}", r.Message));
        Assert.DoesNotContain(services.Paths, p => p.Contains("C1", StringComparison.Ordinal) && !p.EndsWith("entered-care", StringComparison.Ordinal));
        // C2's review went in.
        Assert.True(result.IsPosted(new RowRef(ReturnFile.Reviews, 2)));
        Assert.All(result.Counts, c => Assert.True(c.AddsUp));

        var summary = ImportSummary.Describe(result);
        Assert.Contains("rejected by rule", summary);
        Assert.Matches(@"\s2\s+import\.depends-on-refused-child\s+\((missing\.csv, reviews\.csv|reviews\.csv, missing\.csv)\)", summary);
        Assert.Matches(@"\s1\s+care\.dob-after-start\s+\(episodes\.csv\)", summary);
    }

    [Fact]
    public void in_a_dry_run_a_child_whose_every_episode_row_the_importer_refused_has_its_reviews_rejected_too()
    {
        var plan = Map(Return(
            headers: [Header(child: "C1", row: 1)],
            episodes: [Episode(1, "31/31/2016", "S", child: "C1")],
            reviews: [new ReviewRecord(new RowRef(ReturnFile.Reviews, 1), "C1", "01/06/2016", "PN1")]));
        Assert.Equal(ImportRules.DateFormat, plan.RejectionOf(ReturnFile.Episodes, 1).Rule);

        var result = Importer.DryRun(plan);

        Assert.Equal(ImportRules.DependsOnRefusedChild, result.Rejections.Single(r => r.Row.File == ReturnFile.Reviews).Rule);
    }

    private sealed class Services(Func<string, (HttpStatusCode Status, string Body)> answer) : HttpMessageHandler
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> paths = new();
        public IReadOnlyCollection<string> Paths => paths;

        public ImportClients Clients()
        {
            HttpClient Client() => new(this, disposeHandler: false) { BaseAddress = new Uri("http://stub/") };
            return new(Client(), Client(), Client());
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            paths.Enqueue(path);
            var (status, body) = answer(path);
            return Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(body, Encoding.UTF8, status == HttpStatusCode.Created ? "application/json" : "application/problem+json"),
            });
        }
    }
}
