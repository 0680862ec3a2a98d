using CareTracking.Testing;

namespace CareTracking.Tools.Tests;

/// <summary>
/// The demo data generator and the dead-letter replay run as processes, as deploy/local/seed-demo.sh and
/// replay-dead-letters.sh run them (and seed-demo.sh itself): --help exits 0 with every option and the exit codes; a bad option exits 2 with one
/// line naming it, and nothing reaches the services or the broker they were pointed at.
/// </summary>
public sealed class CommandLineTests
{
    private static Dictionary<string, string> DemoEnvironment(ConnectionCounter services) => new()
    {
        ["CARETRACKING_PLACEMENTS_URL"] = services.Url,
        ["CARETRACKING_MISSING_URL"] = services.Url,
        ["CARETRACKING_REVIEWS_URL"] = services.Url,
        ["CARETRACKING_HEALTH_URL"] = services.Url,
        ["CARETRACKING_LEAVINGCARE_URL"] = services.Url,
        ["CARETRACKING_INDICATORS_URL"] = services.Url,
        ["CARETRACKING_TOKEN"] = "not-a-real-token",
        // The population the tool loads into Indicators before the histories (DemoPopulation).
        ["CARETRACKING_POPULATION_TOKEN"] = "not-a-real-token",
    };

    [Fact]
    public async Task demo_data_help_lists_every_option_and_the_exit_codes()
    {
        var help = await ToolProcess.RunAsync("CareTracking.DemoData", ["--help"]);
        Assert.Equal(0, help.ExitCode);
        foreach (var text in new[] { "--seed", "--as-of", "--parallel", "--plan", "CARETRACKING_TOKEN", "Exit codes: 0 posted" })
            Assert.Contains(text, help.Stdout);
    }

    [Theory]
    [InlineData("--as-of", "10/06/2025", "--as-of '10/06/2025' is not a date written YYYY-MM-DD.")]
    [InlineData("--parallel", "0", "--parallel '0' is not a positive whole number.")]
    [InlineData("--seed", "x", "--seed 'x' is not a whole number.")]
    [InlineData("--sed", "1", "unknown flag --sed.")]
    public async Task demo_data_with_a_bad_option_exits_2_naming_it_and_posts_nothing(string option, string value, string error)
    {
        await using var services = new ConnectionCounter();
        var run = await ToolProcess.RunAsync("CareTracking.DemoData", [option, value], DemoEnvironment(services));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"demo data: {error}\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal(0, services.Connections);
    }

    /// <summary>The control: the same environment with good options does reach the services (which close the
    /// connection at once, so the run fails fast with exit 1).</summary>
    [Fact]
    public async Task demo_data_with_good_options_posts()
    {
        await using var services = new ConnectionCounter();
        var run = await ToolProcess.RunAsync("CareTracking.DemoData", ["--as-of", "2025-06-01", "--parallel", "1"], DemoEnvironment(services));

        Assert.Equal(1, run.ExitCode);
        Assert.True(services.Connections > 0, run.Stdout + run.Stderr);
    }

    /// <summary>seed-demo.sh itself, as up.sh and an operator run it: a bad option is refused by the tool in one line
    /// on stderr and exit 2, and nothing reached any service first (the script used to post the population to
    /// Indicators before the tool saw its options). It mints its own admin token, as when run alone.</summary>
    [Fact]
    public async Task seed_demo_script_with_a_bad_option_exits_2_in_one_line_and_posts_nothing()
    {
        await using var services = new ConnectionCounter();
        var environment = DemoEnvironment(services);
        environment.Remove("CARETRACKING_POPULATION_TOKEN");
        var run = await ToolProcess.RunScriptAsync("deploy/local/seed-demo.sh", ["--sed", "1"], environment);

        Assert.Equal(2, run.ExitCode);
        // The tool's line naming the option (and its pointer to --help), and nothing of the script's own.
        Assert.StartsWith("demo data: unknown flag --sed.\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.All(run.Stderr.ReplaceLineEndings("\n").TrimEnd().Split('\n'), line => Assert.StartsWith("demo data: ", line));
        Assert.Equal(0, services.Connections);
    }

    /// <summary>The control: with good options the script's run reaches the services, Indicators' population first.</summary>
    [Fact]
    public async Task seed_demo_script_with_good_options_loads_the_population_and_posts()
    {
        await using var services = new ConnectionCounter();
        var environment = DemoEnvironment(services);
        environment.Remove("CARETRACKING_POPULATION_TOKEN");
        var run = await ToolProcess.RunScriptAsync("deploy/local/seed-demo.sh", ["--as-of", "2025-06-01", "--parallel", "1"], environment);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("demo data: could not load the demo population", run.Stdout);
        Assert.True(services.Connections > 1, run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task dead_letter_replay_help_lists_every_option_and_the_exit_codes()
    {
        var help = await ToolProcess.RunAsync("CareTracking.DeadLetters", ["--help"]);
        Assert.Equal(0, help.ExitCode);
        foreach (var text in new[] { "--queue", "--list", "--max", "--uri", "--password-file", "Exit codes: 0 replayed" })
            Assert.Contains(text, help.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--queue", "placements-care_error", "--max", "0" }, "--max '0' is not a positive whole number.")]
    [InlineData(new[] { "--queue", "placements-care" }, "--queue 'placements-care' is not an error queue (<queue>_error).")]
    [InlineData(new[] { "--list" }, "--queue is missing.")]
    [InlineData(new[] { "--queue", "placements-care_error", "--lsit" }, "unknown flag --lsit.")]
    [InlineData(new[] { "--queue", "placements-care_error", "--queue", "x_error" }, "--queue is given twice.")]
    public async Task dead_letter_replay_with_a_bad_option_exits_2_naming_it_and_never_contacts_the_broker(string[] args, string error)
    {
        await using var broker = new ConnectionCounter();
        var run = await ToolProcess.RunAsync("CareTracking.DeadLetters", [.. args, "--uri", $"amqp://guest:guest@127.0.0.1:{broker.Port}/"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"replay-dead-letters: {error}\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal(0, broker.Connections);
    }

    [Fact]
    public async Task dead_letter_replay_with_good_options_contacts_the_broker()
    {
        await using var broker = new ConnectionCounter();
        var run = await ToolProcess.RunAsync("CareTracking.DeadLetters",
            ["--queue", "placements-care_error", "--list", "--uri", $"amqp://guest:guest@127.0.0.1:{broker.Port}/"]);

        Assert.Equal(1, run.ExitCode);
        Assert.True(broker.Connections > 0, run.Stdout + run.Stderr);
    }

    /// <summary>A broker that accepts the connection and never answers (a frozen node, a proxy into nothing) fails the
    /// run within the handshake deadline, as it fails a service's connect, instead of holding it for good.</summary>
    [Fact]
    public async Task dead_letter_replay_against_a_broker_that_never_answers_exits_1_within_the_handshake_deadline()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(); // the kernel accepts connections into the backlog; nothing ever reads or writes them
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await ToolProcess.RunAsync("CareTracking.DeadLetters",
            ["--queue", "placements-care_error", "--list", "--uri", $"amqp://guest:guest@127.0.0.1:{port}/"]);

        Assert.Equal(1, run.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.StartsWith("replay-dead-letters: ", run.Stderr);
    }
}
