using System.Net;
using CareTracking.Indicators;
using CareTracking.IntegrationTests.Harness;
using CareTracking.IntegrationTests.Missing;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Security;

/// <summary>
/// Least privilege (issue 10, item 9): reading a service's child-level records needs its read scope, and a
/// reader's token cannot write. Before, Placements' reads needed placements:write and Missing episodes' reads
/// missing:write, so every reader had to be given write rights.
/// </summary>
public sealed class ReadScopeTests(MissingServices fixture) : IClassFixture<MissingServices>
{
    private readonly MissingStack stack = fixture.Services;

    [Fact]
    public async Task placements_reads_need_placements_read_and_a_reader_cannot_write()
    {
        var writeOnly = stack.Placements.ClientFor("831", Scopes.PlacementsWrite);
        var readOnly = stack.Placements.ClientFor("831", Scopes.PlacementsRead);
        Assert.Equal(HttpStatusCode.Created, (await writeOnly.Post("/api/children/scope-p1/entered-care", Requests.EnteredCare())).StatusCode);

        foreach (var path in new[] { "/api/children/scope-p1", "/api/children/scope-p1/episodes", "/api/children/scope-p1/history" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await writeOnly.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.Post("/api/children/scope-p2/entered-care", Requests.EnteredCare())).StatusCode);
        Assert.Equal(0, await stack.Stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'scope-p2'"));
    }

    [Fact]
    public async Task missing_episode_reads_need_missing_read_and_a_reader_cannot_report()
    {
        await stack.InCareAsync("831", "scope-m1");
        var writeOnly = stack.Missing.ClientFor("831", Scopes.MissingWrite);
        var readOnly = stack.Missing.ClientFor("831", Scopes.MissingRead);
        var lastSeen = new DateTimeOffset(DateTime.UtcNow.AddHours(-3).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var reported = await writeOnly.Post("/api/missing-episodes", MissingRequests.Report("scope-m1", lastSeen));
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var episodeId = (string)(await reported.Body())["episodeId"]!;

        foreach (var path in new[] { $"/api/missing-episodes/{episodeId}", "/api/children/scope-m1/missing-episodes" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await writeOnly.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.Post($"/api/missing-episodes/{episodeId}/return", MissingRequests.Return(lastSeen.AddHours(1)))).StatusCode);
        Assert.Equal(1, await stack.EventCountAsync($"episode:{episodeId}"));
    }

    [Fact]
    public async Task a_committee_token_gets_the_figures_but_not_the_child_level_work_lists()
    {
        var indicators = stack.Stack.Start<IndicatorsHost>();
        var committee = indicators.ClientFor("831", Scopes.IndicatorsRead);
        var iro = indicators.ClientFor("831", Scopes.ReviewsRead);

        Assert.Equal(HttpStatusCode.OK, (await committee.GetAsync("/api/indicators/committee?asAt=2025-03-31")).StatusCode);
        foreach (var path in new[] { "/api/indicators/reviews/due?withinWorkingDays=20", "/api/indicators/reviews/overdue" })
        {
            var refused = await committee.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var problem = await refused.Body();
            Assert.EndsWith("scope-missing", (string?)problem["type"]);
            Assert.Equal(Scopes.ReviewsRead, (string?)problem["requiredScopes"]![0]);
            Assert.Equal(HttpStatusCode.OK, (await iro.GetAsync(path)).StatusCode);
        }
        // The IRO manager's token is not a committee token either: each reads only what its kind of client needs.
        Assert.Equal(HttpStatusCode.Forbidden, (await iro.GetAsync("/api/indicators/committee?asAt=2025-03-31")).StatusCode);
    }
}
