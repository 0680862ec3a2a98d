using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Tests.Rows;

namespace CareTracking.Import903.Tests;

/// <summary>A service that cannot be reached or does not answer in time: the rows are rejected with the reason, the
/// service is not posted to again, and every row still has one outcome.</summary>
public class ServiceFailureTests
{
    private static ImportPlan TwoChildren() => Map(Return(
        headers: [Header(child: "C1", row: 1), Header(child: "C2", row: 2)],
        episodes: [Episode(1, "01/04/2016", "S", child: "C1"), Episode(2, "01/05/2016", "S", child: "C2")]));

    [Fact]
    public async Task an_unreachable_service_rejects_its_rows_naming_the_url_and_is_not_posted_to_again()
    {
        var handler = new FailingService(_ => throw new HttpRequestException("Connection refused (stub:80)"));

        var result = await Importer.RunAsync(TwoChildren(), handler.Clients(TimeSpan.FromSeconds(5)), new ImportOptions(Parallelism: 1));

        Assert.Equal(1, handler.Calls);
        var episodes = result.Rejections.Where(r => r.Row.File == ReturnFile.Episodes).ToList();
        Assert.Equal(2, episodes.Count);
        Assert.All(episodes, r => Assert.Equal((ImportRules.ServiceUnreachable, "entered-care"), (r.Rule, r.Command)));
        Assert.Contains(episodes, r => r.Message.StartsWith("POST http://stub/api/children/C", StringComparison.Ordinal) && r.Message.Contains("Connection refused", StringComparison.Ordinal));
        Assert.Contains(episodes, r => r.Message.StartsWith("not posted to http://stub/api/children/C", StringComparison.Ordinal));
        Assert.All(result.Rejections.Where(r => r.Row.File == ReturnFile.Header), r => Assert.Equal(ImportRules.NothingAccepted, r.Rule));
        Assert.All(result.Counts, c => Assert.True(c.AddsUp));
        Assert.Equal(ImportRules.ServiceUnreachable, Assert.Single(result.ServiceFailures).Value.Rule);
    }

    [Fact]
    public async Task a_service_that_does_not_answer_within_the_timeout_rejects_its_rows_as_timed_out()
    {
        var handler = new FailingService(async ct => { await Task.Delay(Timeout.Infinite, ct); return new HttpResponseMessage(); });

        var result = await Importer.RunAsync(TwoChildren(), handler.Clients(TimeSpan.FromMilliseconds(200)), new ImportOptions(Parallelism: 1));

        var episodes = result.Rejections.Where(r => r.Row.File == ReturnFile.Episodes).ToList();
        Assert.Equal(2, episodes.Count);
        Assert.All(episodes, r => Assert.Equal(ImportRules.ServiceTimeout, r.Rule));
        Assert.Contains(episodes, r => r.Message.Contains("did not answer within 0.2 s", StringComparison.Ordinal));
        Assert.Equal(1, handler.Calls);
    }

    private sealed class FailingService(Func<CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        private int calls;
        public int Calls => calls;

        public ImportClients Clients(TimeSpan timeout)
        {
            HttpClient Client() => new(this, disposeHandler: false) { BaseAddress = new Uri("http://stub/"), Timeout = timeout };
            return new(Client(), Client(), Client());
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return await answer(cancellationToken);
        }
    }
}
