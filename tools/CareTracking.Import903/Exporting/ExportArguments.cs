using System.Globalization;

namespace CareTracking.Import903.Exporting;

/// <summary><c>export-903 --year YYYY --out DIR --indicators URL --token TOKEN [--known-at INSTANT]</c>.</summary>
public sealed record ExportArguments(int Year, string Out, Uri Indicators, string Token, string? KnownAt)
{
    public const string Usage =
        "usage: CareTracking.Import903 export-903 --year YYYY --out DIR --indicators URL --token TOKEN [--known-at INSTANT]\n"
        + "  --year: the year of the 31 March the collection year ends on (2023 = the 2022/23 return);\n"
        + "  --token: a token with the returns:read scope; --known-at: as the records stood then, e.g. 2023-05-31T17:00:00Z.";

    private static readonly string[] Known = ["year", "out", "indicators", "token", "known-at"];

    public static ExportArguments? Parse(string[] args, out string error)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return Fail($"'{args[i]}' is not a flag (flags start with --).", out error);
            var name = args[i][2..];
            if (!Known.Contains(name)) return Fail($"unknown flag --{name}.", out error);
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return Fail($"--{name} needs a value.", out error);
            if (!values.TryAdd(name, args[++i])) return Fail($"--{name} is given twice.", out error);
        }
        foreach (var name in new[] { "year", "out", "indicators", "token" })
            if (!values.ContainsKey(name)) return Fail($"--{name} is missing.", out error);
        if (!int.TryParse(values["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
            return Fail($"--year '{values["year"]}' is not a four-digit year (the 31 March the collection year ends on).", out error);
        if (!Uri.TryCreate(values["indicators"], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return Fail($"--indicators '{values["indicators"]}' is not an absolute http or https URL.", out error);
        error = "";
        return new ExportArguments(year, values["out"], url, values["token"], values.GetValueOrDefault("known-at"));
    }

    private static ExportArguments? Fail(string message, out string error)
    {
        error = message;
        return null;
    }
}
