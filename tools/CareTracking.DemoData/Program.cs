using System.Net.Http.Headers;
using CareTracking.DemoData;

// Posts the synthetic demo history to a running stack (deploy/local/seed-demo.sh runs this).
//   CARETRACKING_PLACEMENTS_URL, CARETRACKING_MISSING_URL, CARETRACKING_REVIEWS_URL: the services;
//   CARETRACKING_LEAVINGCARE_URL (optional): post the care leavers' histories (needs leavingcare:write);
//   CARETRACKING_HEALTH_URL (optional): post the health histories too (needs health:write);
//   CARETRACKING_INDICATORS_URL (optional): print the committee headlines afterwards, and with
//   CARETRACKING_POPULATION_TOKEN (an admin token) first load a synthetic population aged 0-17 (DemoPopulation);
//   CARETRACKING_TOKEN: a token for one authority with placements:write, missing:write, reviews:write,
//   reviews:read and indicators:read.
//   options (DemoCommandLine, --help lists them with the exit codes): --seed N (default 831)
//            --as-of YYYY-MM-DD (default today)  --parallel N (default 4)
//            --plan: print the posts that would be made, one a line, and post nothing

return await DemoCommandLine.InvokeAsync(args, Console.Out, Console.Error, RunAsync);

static async Task<int> RunAsync(DemoOptions options, bool planOnly)
{
    if (planOnly)
    {
        foreach (var child in DemoCohort.Generate(options.Seed, options.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow)))
            foreach (var post in child.Posts)
                Console.WriteLine($"{post.ChildId} {post.Service,-10} {post.At:yyyy-MM-dd HH:mm} {post.Label}");
        return 0;
    }

    string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v
        : throw new ArgumentException($"{name} is not set; see deploy/README.md (demo data).");

    HttpClient Client(string url)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Required("CARETRACKING_TOKEN"));
        return client;
    }

    try
    {
        if (Environment.GetEnvironmentVariable("CARETRACKING_INDICATORS_URL") is { Length: > 0 } populationUrl
            && Environment.GetEnvironmentVariable("CARETRACKING_POPULATION_TOKEN") is { Length: > 0 } adminToken)
            await DemoPopulation.LoadAsync(populationUrl, adminToken, Console.Out);
        using var placements = Client(Required("CARETRACKING_PLACEMENTS_URL"));
        using var missing = Client(Required("CARETRACKING_MISSING_URL"));
        using var reviews = Client(Required("CARETRACKING_REVIEWS_URL"));
        using var leavingCare = Environment.GetEnvironmentVariable("CARETRACKING_LEAVINGCARE_URL") is { Length: > 0 } leavingCareUrl ? Client(leavingCareUrl) : null;
        using var health = Environment.GetEnvironmentVariable("CARETRACKING_HEALTH_URL") is { Length: > 0 } healthUrl ? Client(healthUrl) : null;
        var summary = await DemoHistory.SeedAsync(placements, missing, reviews, options, Console.Out, leavingCare: leavingCare, health: health);
        Console.WriteLine($"demo data: {summary.Children} children, {summary.TotalPosts} posts "
            + $"(placements {summary.Posts.GetValueOrDefault(DemoService.Placements)}, reviews {summary.Posts.GetValueOrDefault(DemoService.Reviews)}, "
            + $"missing {summary.Posts.GetValueOrDefault(DemoService.Missing)}, leaving care {summary.Posts.GetValueOrDefault(DemoService.LeavingCare)}, "
            + $"health {summary.Posts.GetValueOrDefault(DemoService.Health)}) in {summary.Elapsed.TotalSeconds:0}s; "
            + "(a post already recorded by an earlier run is answered as a retry and appends nothing)"
            + (summary.MissingAwaitingCare > 0 ? $"; {summary.MissingAwaitingCare} missing reports still await care confirmation" : ""));

        if (Environment.GetEnvironmentVariable("CARETRACKING_INDICATORS_URL") is { Length: > 0 } indicatorsUrl)
        {
            using var indicators = Client(indicatorsUrl);
            if (!await DemoFigures.WaitForProjectionsAsync(indicators, TimeSpan.FromSeconds(120)))
                Console.WriteLine("demo data: the Indicators projections have not caught up yet; the figures below may be partial");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var latest = today.Month > 3 ? today.Year : today.Year - 1;
            for (var year = latest - 2; year <= latest; year++)
                Console.WriteLine($"  year to 31 March {year}: {DemoFigures.Describe(await DemoFigures.CommitteeAsync(indicators, year))}");
        }
        return 0;
    }
    catch (DemoPostRejected rejected)
    {
        Console.Error.WriteLine("demo data: a post was rejected, so the generator broke a rule of the services; fix the generator.");
        Console.Error.WriteLine(rejected.Message);
        return 1;
    }
    catch (Exception e) when (e is HttpRequestException or ArgumentException or TaskCanceledException)
    {
        Console.Error.WriteLine($"demo data: {e.Message}");
        return 1;
    }
}
