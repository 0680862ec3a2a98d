using System.Text;

namespace CareTracking.Import903.Tests;

public class ArgumentsTests
{
    private static string Token(string payload) =>
        "eyJhbGciOiJub25lIn0." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".sig";

    private static readonly string Token831 = Token("""{"authority":"831","scope":"placements:write"}""");

    private static string[] Full(params string[] extra) =>
        ["--folder", "return", "--placements", "http://127.0.0.1:5101", "--missing", "http://127.0.0.1:5102",
         "--reviews", "https://reviews.example/", "--token", Token831, .. extra];

    private static string Error(params string[] args)
    {
        Assert.Null(ImportArguments.Parse(args, out var error));
        Assert.DoesNotContain('\n', error);
        return error;
    }

    [Fact]
    public void complete_arguments_are_read_with_the_token_authority()
    {
        var parsed = ImportArguments.Parse(Full("--children", "60", "--parallel", "2", "--report", "r.csv"), out var error);
        Assert.NotNull(parsed);
        Assert.Equal("", error);
        Assert.Equal(("return", "831", 60, 2, "r.csv", false), (parsed.Folder, parsed.Authority, parsed.Children, parsed.Parallelism, parsed.Report, parsed.DryRun));
    }

    [Fact]
    public void an_unknown_flag_is_named() => Assert.Contains("--x", Error(Full("--x", "1")));

    [Fact]
    public void a_word_that_is_not_a_flag_is_named() => Assert.Contains("'stray'", Error(Full("stray")));

    [Fact]
    public void a_flag_without_its_value_is_named()
    {
        Assert.Contains("--report", Error(Full("--report")));
        Assert.Contains("--report", Error(Full("--report", "--dry-run")));
    }

    [Fact]
    public void a_flag_given_twice_is_named() => Assert.Contains("--children", Error(Full("--children", "1", "--children", "2")));

    [Fact]
    public void a_missing_folder_is_named() => Assert.Contains("--folder", Error(["--dry-run"]));

    [Theory]
    [InlineData("--placements")]
    [InlineData("--missing")]
    [InlineData("--reviews")]
    [InlineData("--token")]
    public void a_missing_service_url_or_token_is_named_unless_dry_run(string flag)
    {
        var args = Full();
        var at = Array.IndexOf(args, flag);
        var without = args.Take(at).Concat(args.Skip(at + 2)).ToArray();
        Assert.Contains(flag, Error(without));
        Assert.NotNull(ImportArguments.Parse([.. without, "--dry-run"], out _));
    }

    [Theory]
    [InlineData("--children", "0")]
    [InlineData("--children", "-3")]
    [InlineData("--children", "2.5")]
    [InlineData("--children", "ten")]
    [InlineData("--children", "+4")]
    [InlineData("--parallel", "0")]
    [InlineData("--parallel", "many")]
    public void a_count_that_is_not_a_positive_whole_number_is_named(string flag, string value)
    {
        var error = Error(Full(flag, value));
        Assert.Contains(flag, error);
        Assert.Contains("positive whole number", error);
    }

    [Fact]
    public void a_count_of_one_is_read() => Assert.Equal(1, ImportArguments.Parse(Full("--children", "1"), out _)!.Children);

    [Theory]
    [InlineData("--placements", "127.0.0.1:5101")]
    [InlineData("--missing", "/api/missing")]
    [InlineData("--reviews", "ftp://reviews.example/")]
    [InlineData("--placements", "not a url")]
    public void a_service_url_that_is_not_absolute_http_is_named(string flag, string value)
    {
        var args = Full();
        args[Array.IndexOf(args, flag) + 1] = value;
        var error = Error(args);
        Assert.Contains(flag, error);
        Assert.Contains("http", error);
    }

    [Fact]
    public void the_health_and_leaving_care_urls_and_the_year_are_optional_and_read()
    {
        Assert.Null(ImportArguments.Parse(Full(), out _)!.Health);
        var parsed = ImportArguments.Parse(Full("--health", "http://127.0.0.1:5105", "--leaving-care", "http://127.0.0.1:5106", "--year", "2025"), out _)!;
        Assert.Equal(("http://127.0.0.1:5105", "http://127.0.0.1:5106", 2025), (parsed.Health, parsed.LeavingCare, parsed.Year));
        Assert.Contains("--health", Error(Full("--health", "127.0.0.1:5105")));
        Assert.Contains("--leaving-care", Error(Full("--leaving-care", "/x")));
        Assert.Contains("--year", Error(Full("--year", "25")));
    }

    [Fact]
    public void an_authority_other_than_the_token_authority_is_refused_naming_both()
    {
        var error = Error(Full("--authority", "832"));
        Assert.Contains("--authority 832", error);
        Assert.Contains("831", error);
    }

    [Fact]
    public void the_token_authority_may_be_repeated() => Assert.Equal("831", ImportArguments.Parse(Full("--authority", "831"), out _)!.Authority);

    [Fact]
    public void a_token_without_an_authority_claim_needs_authority()
    {
        var args = Full();
        args[Array.IndexOf(args, "--token") + 1] = Token("""{"scope":"placements:write"}""");
        Assert.Contains("--authority", Error(args));
        Assert.Equal("832", ImportArguments.Parse([.. args, "--authority", "832"], out _)!.Authority);
    }

    [Fact]
    public void a_dry_run_without_token_or_authority_names_its_ids_dry_run()
    {
        var parsed = ImportArguments.Parse(["--folder", "return", "--dry-run"], out _);
        Assert.NotNull(parsed);
        Assert.Equal(("dry-run", true, 4), (parsed.Authority, parsed.DryRun, parsed.Parallelism));
    }
}
