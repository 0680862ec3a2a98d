using System.CommandLine;
using System.Globalization;
using CareTracking.Tools;

namespace CareTracking.DemoData;

/// <summary>The demo data generator's command line (System.CommandLine); the services and the token come from the
/// environment, as deploy/local/seed-demo.sh sets them.</summary>
public static class DemoCommandLine
{
    public const string Tool = "demo data";

    private static readonly Option<int?> Seed = new("--seed")
    {
        Description = "The cohort's random seed (default 831): the same seed makes the same children and posts.",
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.LastOrDefault()?.Value ?? "";
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)) return seed;
            result.AddError($"--seed '{text}' is not a whole number.");
            return null;
        },
    };

    private static readonly Option<DateOnly?> AsOf = new("--as-of")
    {
        Description = "The last day of the history (default today).",
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            var text = result.Tokens.LastOrDefault()?.Value ?? "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            result.AddError($"--as-of '{text}' is not a date written YYYY-MM-DD.");
            return null;
        },
    };

    private static readonly Option<int?> Parallel = ToolCommandLine.PositiveCount("--parallel", "Children posted at once (default 4).");
    private static readonly Option<bool> Plan = new("--plan") { Description = "Print the posts that would be made, one a line, and post nothing." };

    public static readonly RootCommand Root = Actionable(new(
        "Posts the synthetic demo history to a running stack (deploy/local/seed-demo.sh runs this).\n"
        + "Environment: CARETRACKING_PLACEMENTS_URL, CARETRACKING_MISSING_URL, CARETRACKING_REVIEWS_URL (the services); "
        + "CARETRACKING_LEAVINGCARE_URL and CARETRACKING_HEALTH_URL (optional: the care leavers' and health histories); "
        + "CARETRACKING_INDICATORS_URL (optional: the committee headlines afterwards; with CARETRACKING_POPULATION_TOKEN, an admin "
        + "token, a synthetic population aged 0-17 is loaded there first); CARETRACKING_TOKEN (one authority, "
        + "with placements:write, missing:write, reviews:write, reviews:read, indicators:read, and leavingcare:write and "
        + "health:write for those services).\n"
        + "Exit codes: 0 posted (or planned); 1 a post was rejected, a service could not be reached or a variable is not "
        + "set; 2 bad usage (checked before anything is posted).")
    {
        Seed, AsOf, Parallel, Plan,
    });

    private static RootCommand Actionable(RootCommand root)
    {
        root.SetAction(_ => 0);
        return root;
    }

    /// <summary>Runs the command line: the help, a usage fault (exit 2), or <paramref name="run"/> with the options
    /// and whether only the plan is wanted.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<DemoOptions, bool, Task<int>> run) =>
        ToolCommandLine.InvokeAsync(Root, Tool, args, stdout, stderr, parsed =>
        {
            var options = new DemoOptions();
            if (parsed.GetValue(Seed) is { } seed) options = options with { Seed = seed };
            if (parsed.GetValue(AsOf) is { } asOf) options = options with { AsOf = asOf };
            if (parsed.GetValue(Parallel) is { } parallel) options = options with { Parallelism = parallel };
            return run(options, parsed.GetValue(Plan));
        });
}
