using CareTracking.Import903.Exporting;

namespace CareTracking.Import903.Tests;

/// <summary>export-903's arguments: each fault is one line naming the flag.</summary>
public sealed class ExportArgumentsTests
{
    private static readonly string[] Valid = ["--year", "2023", "--out", "/tmp/x", "--indicators", "http://127.0.0.1:5104", "--token", "t"];

    [Fact]
    public void valid_arguments_are_read()
    {
        var parsed = ExportArguments.Parse([.. Valid, "--known-at", "2023-05-31T17:00:00Z"], out var error);
        Assert.Equal("", error);
        Assert.Equal(new ExportArguments(2023, "/tmp/x", new Uri("http://127.0.0.1:5104"), "t", "2023-05-31T17:00:00Z"), parsed);
    }

    [Theory]
    [InlineData("--year", "23", "--year '23' is not a four-digit year")]
    [InlineData("--indicators", "localhost:5104", "--indicators 'localhost:5104' is not an absolute http or https URL")]
    public void a_bad_value_names_its_flag(string flag, string value, string message)
    {
        var args = Valid.ToArray();
        args[Array.IndexOf(args, flag) + 1] = value;
        Assert.Null(ExportArguments.Parse(args, out var error));
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void a_missing_unknown_or_repeated_flag_is_named()
    {
        Assert.Null(ExportArguments.Parse(Valid[2..], out var missing));
        Assert.Equal("--year is missing.", missing);
        Assert.Null(ExportArguments.Parse([.. Valid, "--folder", "x"], out var unknown));
        Assert.Equal("unknown flag --folder.", unknown);
        Assert.Null(ExportArguments.Parse([.. Valid, "--out", "y"], out var twice));
        Assert.Equal("--out is given twice.", twice);
    }
}
