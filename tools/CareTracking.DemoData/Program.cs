using System.Globalization;
using System.Net.Http.Headers;
using CareTracking.DemoData;

// Posts the synthetic demo history to a running stack (deploy/local/seed-demo.sh runs this).
//   CARETRACKING_PLACEMENTS_URL, CARETRACKING_MISSING_URL, CARETRACKING_REVIEWS_URL: the services;
//   CARETRACKING_LEAVINGCARE_URL (optional): post the care leavers' histories (needs leavingcare:write);
//   CARETRACKING_INDICATORS_URL (optional): print the committee headlines afterwards;
//   CARETRACKING_TOKEN: a token for one authority with placements:write, missing:write, reviews:write,
//   reviews:read and indicators:read.
//   options: --seed N (default 831)  --as-of YYYY-MM-DD (default today)  --parallel N (default 4)
//            --plan: print the posts that would be made, one a line, and post nothing

var options = new DemoOptions();
var planOnly = false;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed): options = options with { Seed = seed }; i++; break;
        case "--as-of" when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf): options = options with { AsOf = asOf }; i++; break;
        case "--parallel" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0: options = options with { Parallelism = n }; i++; break;
        case "--plan": planOnly = true; break;
        default:
            Console.Error.WriteLine("usage: CareTracking.DemoData [--seed N] [--as-of YYYY-MM-DD] [--parallel N] [--plan]");
            return 2;
    }
}

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
    using var placements = Client(Required("CARETRACKING_PLACEMENTS_URL"));
    using var missing = Client(Required("CARETRACKING_MISSING_URL"));
    using var reviews = Client(Required("CARETRACKING_REVIEWS_URL"));
    using var leavingCare = Environment.GetEnvironmentVariable("CARETRACKING_LEAVINGCARE_URL") is { Length: > 0 } leavingCareUrl ? Client(leavingCareUrl) : null;
    var summary = await DemoHistory.SeedAsync(placements, missing, reviews, options, Console.Out, leavingCare: leavingCare);
    Console.WriteLine($"demo data: {summary.Children} children, {summary.TotalPosts} posts "
        + $"(placements {summary.Posts.GetValueOrDefault(DemoService.Placements)}, reviews {summary.Posts.GetValueOrDefault(DemoService.Reviews)}, "
        + $"missing {summary.Posts.GetValueOrDefault(DemoService.Missing)}, leaving care {summary.Posts.GetValueOrDefault(DemoService.LeavingCare)}) in {summary.Elapsed.TotalSeconds:0}s; "
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
