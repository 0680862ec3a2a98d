using System.Collections.Concurrent;
using System.Net;

namespace CareTracking.DemoData;

/// <param name="Seed">The random seed: the same seed gives the same children and the same event ids.</param>
/// <param name="AsOf">"Today": the history is posted up to the day before. Default: today's UTC date.</param>
/// <param name="Parallelism">Children posted at once (each child's posts stay in order).</param>
/// <param name="CareWait">How long a post that needs Placements' care-period message may wait for it to arrive.</param>
public sealed record DemoOptions(int Seed = 831, DateOnly? AsOf = null, int Parallelism = 4, TimeSpan? CareWait = null);

public sealed record DemoSummary(int Children, IReadOnlyDictionary<DemoService, int> Posts, int MissingAwaitingCare, TimeSpan Elapsed)
{
    public int TotalPosts => Posts.Values.Sum();
}

/// <summary>A service refused a demo post: the generator broke a rule, and the message carries the problem details.</summary>
public sealed class DemoPostRejected(string message) : Exception(message);

/// <summary>
/// Posts the demo history through the services' public HTTP APIs, as a case system would. Placements first
/// (every child, each in date order), then Reviews and Missing episodes, which need Placements' care-period
/// messages: a post those services cannot place yet (202 awaiting care confirmation, or 422 "not looked after"
/// because the message has not arrived) is retried until <see cref="DemoOptions.CareWait"/>. Every post
/// carries a name-based event id, so running it again appends nothing.
/// </summary>
public static class DemoHistory
{
    /// <param name="leavingCare">The Leaving-care service; without it the care leavers' histories are not posted.</param>
    public static async Task<DemoSummary> SeedAsync(HttpClient placements, HttpClient missing, HttpClient reviews,
        DemoOptions? options = null, TextWriter? progress = null, CancellationToken ct = default, HttpClient? leavingCare = null)
    {
        options ??= new DemoOptions();
        progress ??= TextWriter.Null;
        var started = DateTime.UtcNow;
        var asOf = options.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var children = DemoCohort.Generate(options.Seed, asOf);
        var careWait = options.CareWait ?? TimeSpan.FromSeconds(60);
        var counts = new ConcurrentDictionary<DemoService, int>();
        var awaiting = 0;
        progress.WriteLine($"demo data: {children.Count} synthetic children for the token's authority, seed {options.Seed}, history up to {asOf.AddDays(-1):yyyy-MM-dd}");

        var services = new List<(DemoService, HttpClient)> { (DemoService.Placements, placements), (DemoService.Reviews, reviews), (DemoService.Missing, missing) };
        if (leavingCare is not null) services.Add((DemoService.LeavingCare, leavingCare));
        foreach (var (service, client) in services)
        {
            var done = 0;
            await Parallel.ForEachAsync(children, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (child, token) =>
            {
                foreach (var post in child.For(service))
                {
                    if (await PostAsync(client, post, careWait, token) == HttpStatusCode.Accepted) Interlocked.Increment(ref awaiting);
                    counts.AddOrUpdate(service, 1, (_, n) => n + 1);
                }
                var n = Interlocked.Increment(ref done);
                if (n % 10 == 0 || n == children.Count)
                    progress.WriteLine($"  {service,-10} {n,4}/{children.Count} children, {counts.GetValueOrDefault(service)} posts");
            });
        }

        return new DemoSummary(children.Count, counts.ToDictionary(), awaiting, DateTime.UtcNow - started);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, DemoPost post, TimeSpan careWait, CancellationToken ct)
    {
        var outcome = await ServicePosts.PostAsync(client, post.Path, post.Body, RetryWindow.For(careWait), ct);
        if (outcome.Accepted) return outcome.Status; // 202: kept as awaiting care confirmation
        throw new DemoPostRejected(
            $"{post.Service} rejected '{post.Label}' for child {post.ChildId} (POST {post.Path}): {(int)outcome.Status} {outcome.Status}\n{outcome.Body}");
    }
}
