using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;

namespace CareTracking.Import903.Importing;

/// <param name="Parallelism">Children posted at once (each child's posts stay in order).</param>
/// <param name="CareWait">After the care histories are in, how long reviews and missing reports that need a
/// care-period message Placements has not delivered yet are retried (one window for the whole import, not per post).</param>
/// <param name="TransientWait">How long one post is retried on 503, 409 or 429.</param>
public sealed record ImportOptions(int Parallelism = 4, TimeSpan? CareWait = null, TimeSpan? TransientWait = null);

/// <param name="Health">For the OC2 facts; without it their rows are rejected with <see cref="ImportRules.ServiceNotGiven"/>.</param>
/// <param name="LeavingCare">For the OC3 contacts, likewise.</param>
public sealed record ImportClients(HttpClient Placements, HttpClient Missing, HttpClient Reviews, HttpClient? Health = null, HttpClient? LeavingCare = null)
{
    public HttpClient? For(TargetService service) => service switch
    {
        TargetService.Placements => Placements,
        TargetService.Missing => Missing,
        TargetService.Health => Health,
        TargetService.LeavingCare => LeavingCare,
        _ => Reviews,
    };
}

/// <summary>
/// Posts an <see cref="ImportPlan"/> through the services: every child's care history first (each child's steps
/// in order, children in parallel), then reviews and missing episodes. A step whose period's start was rejected
/// is rejected with that reason and not posted. Header and UASC rows carried by entries to care are settled last.
/// A service that cannot be reached or does not answer within the client's timeout fails the post's row
/// (<see cref="ImportRules.ServiceUnreachable"/>, <see cref="ImportRules.ServiceTimeout"/>) and is not posted to
/// again in the run: its later rows are rejected with the same rule, so the accounting still adds up.
/// </summary>
public static class Importer
{
    private const string EventIdReused = "event-id.reused";

    public static ImportResult DryRun(ImportPlan plan)
    {
        var result = new ImportResult(plan, dryRun: true);
        foreach (var rejection in plan.Rejections) result.Rejected(rejection);
        var carriedBySteps = plan.Steps.SelectMany(s => s.Carries ?? []).ToHashSet();
        foreach (var step in plan.Children.SelectMany(c => c.Placements))
        {
            if (step.DependsOn is { } start && result.IsRejected(start))
                result.Rejected(ImportRules.DependsOn(step, start));
            else result.Posted(step.Row);
        }
        foreach (var child in plan.Children)
            foreach (var step in child.Later)
            {
                if (RefusedChild(child, result) is { } refused) result.Rejected(ImportRules.DependsOnChild(step, refused));
                else if (step.DependsOn is { } start && result.IsRejected(start)) result.Rejected(ImportRules.DependsOn(step, start));
                else result.Posted(step.Row);
            }
        SettleCarried(plan, result, carriedBySteps);
        result.Verify();
        return result;
    }

    public static async Task<ImportResult> RunAsync(ImportPlan plan, ImportClients clients, ImportOptions? options = null,
        ImportProgress? progress = null, CancellationToken ct = default)
    {
        options ??= new ImportOptions();
        progress ??= ImportProgress.Silent(0);
        var result = new ImportResult(plan, dryRun: false);
        foreach (var rejection in plan.Rejections) result.Rejected(rejection);
        var carriers = new ConcurrentBag<RowRef>();
        var transientWait = options.TransientWait ?? TimeSpan.FromSeconds(60);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct };

        await Parallel.ForEachAsync(plan.Children, parallel, async (child, token) =>
        {
            foreach (var step in child.Placements)
                await RunStepAsync(step, clients, result, carriers, () => new RetryWindow(DateTime.UtcNow, DateTime.UtcNow + transientWait), progress, token);
        });

        var careDeadline = DateTime.UtcNow + (options.CareWait ?? TimeSpan.FromSeconds(30));
        await Parallel.ForEachAsync(plan.Children, parallel, async (child, token) =>
        {
            if (RefusedChild(child, result) is { } refused)
            {
                foreach (var step in child.Later) result.Rejected(ImportRules.DependsOnChild(step, refused));
                progress.Show(result.Done);
                return;
            }
            foreach (var step in child.Later)
                await RunStepAsync(step, clients, result, carriers, () => new RetryWindow(careDeadline, DateTime.UtcNow + transientWait), progress, token);
        });

        SettleCarried(plan, result, carriers.ToHashSet());
        progress.Show(result.Done, final: true);
        result.Verify();
        return result;
    }

    private static async Task RunStepAsync(ImportStep step, ImportClients clients, ImportResult result, ConcurrentBag<RowRef> carriers,
        Func<RetryWindow> window, ImportProgress progress, CancellationToken ct)
    {
        if (step.DependsOn is { } start && !result.IsPosted(start))
        {
            result.Rejected(ImportRules.DependsOn(step, start));
        }
        else
        {
            var awaitingCare = false;
            RowRejection? rejection = null;
            foreach (var post in step.Posts)
            {
                if (clients.For(post.Service) is not { } client)
                {
                    rejection = new RowRejection(step.Row, step.Child, "", ImportRules.ServiceNotGiven,
                        $"no {(post.Service == TargetService.Health ? "--health" : "--leaving-care")} URL was given, so {post.Path} was not posted.", post.Command);
                    break;
                }
                var url = new Uri(client.BaseAddress!, post.Path).ToString();
                if (result.ServiceFailure(client.BaseAddress!) is { } failed)
                {
                    rejection = new RowRejection(step.Row, step.Child, "", failed.Rule, $"not posted to {url}: {failed.Reason}", post.Command);
                    break;
                }
                PostOutcome outcome;
                try
                {
                    outcome = await ServicePosts.PostAsync(client, post.Path, post.Body, window(), ct);
                }
                catch (HttpRequestException e)
                {
                    var failure = result.ServiceFailed(client.BaseAddress!, ImportRules.ServiceUnreachable, $"the service at {client.BaseAddress} could not be reached ({e.Message})");
                    rejection = new RowRejection(step.Row, step.Child, "", failure.Rule, $"POST {url}: {failure.Reason}", post.Command);
                    break;
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    var failure = result.ServiceFailed(client.BaseAddress!, ImportRules.ServiceTimeout,
                        $"the service at {client.BaseAddress} did not answer within {client.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
                    rejection = new RowRejection(step.Row, step.Child, "", failure.Rule, $"POST {url}: {failure.Reason}", post.Command);
                    break;
                }
                awaitingCare |= outcome.Status == HttpStatusCode.Accepted;
                if (outcome.Accepted) continue;
                // The row's event id is named by its content and command, so a different post under it was this row as an
                // earlier importer posted it: the row is in. What that version did not send follows in its own post.
                if (outcome.Rule == EventIdReused)
                {
                    if (post.OnEventIdReused is not { } followUp) continue;
                    outcome = await ServicePosts.PostAsync(client, followUp.Path, followUp.Body, window(), ct);
                    if (outcome.Accepted) continue;
                }
                rejection = new RowRejection(step.Row, step.Child, outcome.Field ?? "", outcome.Rule ?? $"http.{(int)outcome.Status}",
                    outcome.Detail ?? outcome.Body, post.Command);
                break;
            }
            if (rejection is null)
            {
                result.Posted(step.Row, awaitingCare);
                foreach (var carried in step.Carries ?? []) carriers.Add(carried);
            }
            else result.Rejected(rejection);
        }
        progress.Show(result.Done);
    }

    /// <summary>The child's first refused care-history row when none of its care history got in (every step of it
    /// was rejected, or the importer refused every episode row so there was none), else null: its reviews, missing episodes and outcomes then have nothing to
    /// attach to.</summary>
    private static RowRef? RefusedChild(ChildPlan child, ImportResult result) =>
        child.Placements.Count > 0 && child.Placements.All(s => result.IsRejected(s.Row)) ? child.Placements[0].Row
        // Or every episode row of the child was refused by the importer's own checks, leaving no care history step.
        : child.Placements.Count == 0 && result.Plan.Rejections.FirstOrDefault(r => r.Child == child.Child && r.Row.File == ReturnFile.Episodes) is { } refused
            ? refused.Row
            : null;

    private static void SettleCarried(ImportPlan plan, ImportResult result, IReadOnlySet<RowRef> accepted)
    {
        foreach (var carried in plan.Carried)
        {
            if (accepted.Contains(carried.Row)) result.Posted(carried.Row);
            else result.Rejected(carried.Rejection);
        }
    }
}
