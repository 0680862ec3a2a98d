using System.Globalization;

namespace CareTracking.Import903;

/// <param name="Authority">The authority the event ids are derived under: <c>--authority</c>, else the token's
/// <c>authority</c> claim; <c>dry-run</c> in a dry run with neither.</param>
/// <param name="Health">The Health service, for oc2.csv (optional: without it those rows are rejected).</param>
/// <param name="LeavingCare">The Leaving-care service, for oc3.csv (likewise).</param>
/// <param name="Year">The collection year (ending 31 March) of the return; by default the one of its latest dated row.</param>
public sealed record ImportArguments(string Folder, string? Placements, string? Missing, string? Reviews, string? Token,
    string Authority, string? Report, bool DryRun, int? Children, int Parallelism, string? Health = null, string? LeavingCare = null, int? Year = null)
{
    public const string Usage =
        "usage: CareTracking.Import903 --folder PATH --placements URL --missing URL --reviews URL --token TOKEN\n"
        + "         [--health URL] [--leaving-care URL] [--year YYYY]\n"
        + "         [--authority LA] [--report rejected.csv] [--dry-run] [--children N] [--parallel N]\n"
        + "  --dry-run: read and map only, post nothing (the URLs and token are then optional);\n"
        + "  --children N: only the first N children of header.csv (a trial load).";

    /// <summary>What --help prints: the usage, each flag, the exit codes.</summary>
    public const string Help =
        "CareTracking.Import903: loads a 903 return's CSV files through the services as a case system would (docs/import-903.md).\n"
        + Usage + "\n\n"
        + "  --folder PATH          the return's CSV files (header.csv, episodes.csv, ...)\n"
        + "  --placements URL       the Placements service (care histories)\n"
        + "  --missing URL          the Missing episodes service (missing.csv)\n"
        + "  --reviews URL          the Reviews service (reviews.csv)\n"
        + "  --health URL           the Health service (oc2.csv); without it those rows are rejected\n"
        + "  --leaving-care URL     the Leaving-care service (oc3.csv); likewise\n"
        + "  --token TOKEN          a bearer token with the services' write scopes, bound to one authority\n"
        + "  --authority LA         the authority (default: the token's authority claim)\n"
        + "  --year YYYY            the collection year, ending 31 March (default: that of the latest dated row)\n"
        + "  --report FILE.csv      every rejected row with its rule and reason\n"
        + "  --dry-run              read and map only; post nothing\n"
        + "  --children N           only the first N children of header.csv\n"
        + "  --parallel N           children posted at once (default 4)\n"
        + "  export-903 --help      the other command: download a year's return from Indicators\n\n"
        + "exit codes: 0 every row posted; 1 some rows rejected; 2 bad usage or unreadable files;\n"
        + "            3 the import's accounting did not add up (a bug); 4 a service could not be reached or timed out";

    private static readonly string[] Known = ["folder", "placements", "missing", "reviews", "token", "authority", "report", "children", "parallel", "health", "leaving-care", "year"];
    private static readonly string[] Services = ["placements", "missing", "reviews"];

    /// <summary>The arguments, or null with a one-line <paramref name="error"/> naming the flag at fault.</summary>
    public static ImportArguments? Parse(string[] args, out string error)
    {
        var values = new Dictionary<string, string>();
        var dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--dry-run") { dryRun = true; continue; }
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return Fail($"'{args[i]}' is not a flag (flags start with --).", out error);
            var name = args[i][2..];
            if (!Known.Contains(name)) return Fail($"unknown flag --{name}.", out error);
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return Fail($"--{name} needs a value.", out error);
            if (values.ContainsKey(name)) return Fail($"--{name} is given twice.", out error);
            values[name] = args[++i];
        }
        string? Value(string name) => values.GetValueOrDefault(name);

        if (Value("folder") is not { } folder) return Fail("--folder is missing.", out error);
        int? children = null, parallel = null;
        foreach (var name in new[] { "children", "parallel" })
        {
            if (Value(name) is not { } v) continue;
            if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                return Fail($"--{name} '{v}' is not a positive whole number.", out error);
            if (name == "children") children = n; else parallel = n;
        }
        int? year = null;
        if (Value("year") is { } yearText)
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2100)
                return Fail($"--year '{yearText}' is not the four-digit year in which the collection year ends (31 March).", out error);
            year = y;
        }
        foreach (var name in Services.Append("health").Append("leaving-care"))
        {
            if (Value(name) is { } url
                && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
                return Fail($"--{name} '{url}' is not an absolute http or https URL.", out error);
        }
        if (!dryRun)
        {
            foreach (var name in Services.Append("token"))
                if (Value(name) is null) return Fail($"--{name} is missing (only a --dry-run may leave it out).", out error);
        }

        var token = Value("token");
        var claim = token is null ? null : TokenAuthority.Read(token);
        if (Value("authority") is { } given && claim is not null && given != claim)
            return Fail($"--authority {given} differs from the token's authority claim {claim}: the event ids would be derived under another authority.", out error);
        var authority = Value("authority") ?? claim ?? (token is null ? "dry-run" : null);
        if (authority is null) return Fail("--token names no authority (no authority claim); pass --authority.", out error);

        error = "";
        return new ImportArguments(folder, Value("placements"), Value("missing"), Value("reviews"), token, authority,
            Value("report"), dryRun, children, parallel ?? 4, Value("health"), Value("leaving-care"), year);
    }

    private static ImportArguments? Fail(string message, out string error)
    {
        error = message;
        return null;
    }
}
