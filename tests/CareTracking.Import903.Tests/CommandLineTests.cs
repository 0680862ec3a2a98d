using System.Text;
using CareTracking.Testing;

namespace CareTracking.Import903.Tests;

/// <summary>
/// The importer run as a process, as docs/import-903.md tells an operator to: --help exits 0 listing every option and
/// the exit codes; a bad option exits 2 with one line naming it, and nothing is posted even though the return and the
/// services' URLs are all there to be used.
/// </summary>
public sealed class CommandLineTests
{
    private const string Tool = "CareTracking.Import903";

    private static readonly string Token831 = "eyJhbGciOiJub25lIn0."
        + Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"authority":"831","scope":"placements:write"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_')
        + ".sig";

    [Fact]
    public async Task help_lists_every_option_and_the_exit_codes_and_exits_0()
    {
        var help = await ToolProcess.RunAsync(Tool, ["--help"]);
        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--folder", "--placements", "--missing", "--reviews", "--health", "--leaving-care", "--token",
                     "--authority", "--year", "--report", "--dry-run", "--children", "--parallel", "export-903" })
            Assert.Contains(option, help.Stdout);
        Assert.Contains("Exit codes: 0 every row posted; 1 some rows rejected", help.Stdout);
        Assert.Equal("", help.Stderr);

        var export = await ToolProcess.RunAsync(Tool, ["export-903", "--help"]);
        Assert.Equal(0, export.ExitCode);
        foreach (var option in new[] { "--year", "--out", "--indicators", "--token", "--known-at", "Exit codes" })
            Assert.Contains(option, export.Stdout);
    }

    [Theory]
    [InlineData("--parallel", "0", "--parallel '0' is not a positive whole number.")]
    [InlineData("--children", "ten", "--children 'ten' is not a positive whole number.")]
    [InlineData("--authority", "832", "--authority 832 differs from the token's authority claim 831")]
    [InlineData("--year", "25", "--year '25' is not the four-digit year")]
    [InlineData("--bogus", "1", "unknown flag --bogus.")]
    [InlineData("--folder", "again", "--folder is given twice.")]
    public async Task a_bad_option_exits_2_naming_it_and_nothing_is_posted(string option, string value, string error)
    {
        await using var services = new ConnectionCounter();
        string[] args = ["--folder", FakeReturnFixture.Folder(), "--placements", services.Url, "--missing", services.Url,
            "--reviews", services.Url, "--health", services.Url, "--token", Token831, "--children", "10", option, value];
        if (option == "--children") args = [.. args[..^4], option, value];   // replaces the valid --children

        var run = await ToolProcess.RunAsync(Tool, args);

        Assert.Equal(2, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("import 903: " + error, lines[0]);
        Assert.Equal("import 903: run with --help for every option.", lines[1]);
        Assert.Equal("", run.Stdout);
        Assert.Equal(0, services.Connections);
    }

    /// <summary>The control for the test above: the same command line without the fault does reach the services
    /// (which close each connection at once: its rows are rejected, exit 1 or 4), so a count of 0 there means nothing
    /// was sent.</summary>
    [Fact]
    public async Task the_same_command_line_without_the_fault_posts()
    {
        await using var services = new ConnectionCounter();
        var run = await ToolProcess.RunAsync(Tool, ["--folder", FakeReturnFixture.Folder(), "--placements", services.Url,
            "--missing", services.Url, "--reviews", services.Url, "--token", Token831, "--children", "10"]);

        Assert.Contains(run.ExitCode, new[] { 1, 4 });
        Assert.True(services.Connections > 0, run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task a_bad_export_option_exits_2_naming_it_and_nothing_is_asked()
    {
        await using var indicators = new ConnectionCounter();
        var run = await ToolProcess.RunAsync(Tool, ["export-903", "--year", "23", "--out", Path.GetTempPath(),
            "--indicators", indicators.Url, "--token", "t"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("import 903: --year '23' is not a four-digit year", run.Stderr);
        Assert.Equal(0, indicators.Connections);
    }
}
