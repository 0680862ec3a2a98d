using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CareTracking.EventStore;
using CareTracking.Health;
using CareTracking.Health.WorkLists;
using CareTracking.IntegrationTests.Harness;
using CareTracking.LeavingCare;
using CareTracking.LeavingCare.CareLeavers;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.Reviews;
using CareTracking.Reviews.WorkLists;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>Placements once, and two instances each of Reviews, Health and Leaving care on one database and one vhost:
/// each pair competes for its consumer queue and shares its projections' checkpoints.</summary>
public sealed class TwoInstancesOfTheCaseServices : IAsyncLifetime
{
    public ServiceStack Stack { get; } = new();
    public ServiceHost<PlacementsHost> Placements { get; private set; } = null!;
    public ServiceHost<ReviewsHost>[] Reviews { get; private set; } = [];
    public ServiceHost<HealthHost>[] Health { get; private set; } = [];
    public ServiceHost<LeavingCareHost>[] LeavingCare { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Stack.InitializeAsync();
        Placements = new(Stack);
        Reviews = [new(Stack), new(Stack)];
        Health = [new(Stack), new(Stack)];
        LeavingCare = [new(Stack), new(Stack)];
        // One of each first (each applies its schema alone), then the second instances side by side.
        await Task.WhenAll(Task.Run(() => _ = Placements.Server), Task.Run(() => _ = Reviews[0].Server), Task.Run(() => _ = Health[0].Server), Task.Run(() => _ = LeavingCare[0].Server));
        await Task.WhenAll(Task.Run(() => _ = Reviews[1].Server), Task.Run(() => _ = Health[1].Server), Task.Run(() => _ = LeavingCare[1].Server));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in LeavingCare.Concat<IAsyncDisposable>(Health).Concat(Reviews).Append(Placements)) await host.DisposeAsync();
        await Stack.DisposeAsync();
    }
}

/// <summary>Issue 16, "two instances of every service", for the services that learn children from Placements' care
/// messages: each message applied once by one of the pair, one projection leader per pair (the server agrees), two
/// writers with the same If-Match through different instances get one 2xx and one 412 with one event stored, and
/// when a leader stops the other leads within 10 s.</summary>
public sealed class TwoInstancesOfTheCaseServicesTests(TwoInstancesOfTheCaseServices services, ITestOutputHelper output)
    : IClassFixture<TwoInstancesOfTheCaseServices>
{
    private const int Children = 20;
    private ServiceStack Stack => services.Stack;

    [Fact]
    public async Task two_instances_of_reviews_health_and_leaving_care_apply_each_care_message_once_with_one_projection_leader_each_settle_if_match_races_and_fail_over_when_it_stops()
    {
        var placements = services.Placements.ClientFor("831", Scopes.PlacementsWrite);
        async Task EnterAsync(int from, int to)
        {
            for (var i = from; i < to; i++)
                Assert.Equal(HttpStatusCode.Created, (await placements.Post($"/api/children/pair-{i:D2}/entered-care", Requests.EnteredCare())).StatusCode);
        }

        await EnterAsync(0, Children);
        // One young person old enough to be a care leaver by May 2025 (16 at entry, in care since): Leaving care's race.
        Assert.Equal(HttpStatusCode.Created, (await placements.Post("/api/children/pair-race/entered-care",
            Requests.EnteredCare(date: "2024-04-10", dateOfBirth: "2008-02-01"))).StatusCode);
        await AllNotedOnceAsync(Children + 1);
        await OneLeaderEachAsync();

        // Two writers, one through each instance, with the If-Match they both read: one stored, one told 412.
        await RaceAsync(services.Reviews, Scopes.ReviewsWrite, Scopes.ReviewsRead, "/api/children/pair-race/reviews", "reviews:pair-race",
            day => new { date = $"2025-05-0{day}", participation = "PN1" });
        await RaceAsync(services.Health, Scopes.HealthWrite, Scopes.HealthRead, "/api/children/pair-race/health", "health:pair-race",
            day => new { date = $"2025-05-0{day}" }, "/api/children/pair-race/dental-checks");
        await RaceAsync(services.LeavingCare, Scopes.LeavingCareWrite, Scopes.LeavingCareRead, "/api/care-leavers/pair-race", "leavingcare:pair-race",
            day => new { date = $"2025-05-0{day}" }, "/api/care-leavers/pair-race/pathway-plan-reviews");

        // Each pair's projection leader stops; the other instance leads within 10 s.
        var tookOver = new List<string>();
        tookOver.Add(await FailOverAsync("Reviews", services.Reviews));
        tookOver.Add(await FailOverAsync("Health", services.Health));
        tookOver.Add(await FailOverAsync("Leaving care", services.LeavingCare));
        output.WriteLine("projection led by the other instance after its leader stopped: " + string.Join(", ", tookOver));

        // The survivors take the next children, each once.
        await EnterAsync(Children, Children + 5);
        await AllNotedOnceAsync(Children + 1 + 5);
    }

    /// <summary>Reads the record's ETag through the first instance, then posts two different facts at once, one through
    /// each instance, both with that If-Match. <paramref name="path"/> is the read; the write is
    /// <paramref name="write"/> (the read's own path when null).</summary>
    private async Task RaceAsync<T>(ServiceHost<T>[] pair, string writeScope, string readScope, string path, string stream,
        Func<int, object> body, string? write = null) where T : class
    {
        var clients = pair.Select(h => h.ClientFor("831", writeScope, readScope)).ToArray();
        var read = await clients[0].GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag!;
        var before = await Stack.ScalarAsync($"select count(*) from eventstore.mt_events where stream_id = '{stream}'");

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(n =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, write ?? path) { Content = JsonContent.Create(body(n + 1), options: Requests.Json) };
            request.Headers.IfMatch.Add(etag);
            return clients[n].SendAsync(request);
        }));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.PreconditionFailed], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(before + 1, await Stack.ScalarAsync($"select count(*) from eventstore.mt_events where stream_id = '{stream}'"));
    }

    private async Task AllNotedOnceAsync(int children)
    {
        foreach (var service in new[] { "reviews", "health", "leavingcare" })
        {
            var noted = await Eventually.Within(TimeSpan.FromSeconds(60),
                () => Stack.ScalarAsync($"select count(distinct stream_id) from eventstore.mt_events where type = '{service}.care-period-noted.v1'"), n => n >= children);
            Assert.Equal(children, noted);
            // Once each: the two instances compete for one queue, and a redelivery is dropped by its message id.
            Assert.Equal(children, await Stack.ScalarAsync($"select count(*) from eventstore.mt_events where type = '{service}.care-period-noted.v1'"));
        }
    }

    private async Task OneLeaderEachAsync()
    {
        foreach (var runners in new[] { Runners(services.Reviews), Runners(services.Health), Runners(services.LeavingCare) })
        {
            Assert.NotEmpty(runners);
            foreach (var name in runners.Select(r => r.Name).Distinct())
            {
                Assert.Equal(1, runners.Count(r => r.Name == name && r.IsLeader));
                Assert.Equal(1, await Stack.ScalarAsync(
                    $"select count(*) from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database()) and ((classid::bigint << 32) | objid::bigint) = hashtext('ct-projection:eventstore:{name}')::bigint"));
            }
        }
    }

    private static List<ProjectionRunner> Runners<T>(ServiceHost<T>[] pair) where T : class =>
        pair.SelectMany(h => h.Services.GetRequiredService<ProjectionService>().Runners).ToList();

    private static async Task<string> FailOverAsync<T>(string service, ServiceHost<T>[] pair) where T : class
    {
        // Leaders may be spread over the pair (one per projection): stop the instance leading the first projection.
        var name = Runners(pair).Select(r => r.Name).First();
        var leader = Array.FindIndex(pair, h => h.Services.GetRequiredService<ProjectionService>().Runners.Any(r => r.Name == name && r.IsLeader));
        Assert.True(leader >= 0, $"{service}: no instance leads {name}");
        var standby = pair[1 - leader].Services.GetRequiredService<ProjectionService>().Runners.Where(r => r.Name == name).ToList();
        var stopping = Stopwatch.StartNew();
        await pair[leader].DisposeAsync();
        while (!standby.Any(r => r.IsLeader) && stopping.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(20);
        Assert.True(standby.Any(r => r.IsLeader) && stopping.Elapsed < TimeSpan.FromSeconds(10), $"{service}: {name} not led by the other instance within 10 s ({stopping.Elapsed})");
        return $"{service} ({name}) {stopping.Elapsed.TotalMilliseconds:0} ms";
    }
}
