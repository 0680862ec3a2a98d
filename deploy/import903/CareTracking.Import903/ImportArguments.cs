using System.Globalization;

namespace CareTracking.Import903;

public sealed record ImportArguments(string Folder, string? Placements, string? Missing, string? Reviews, string? Token,
    string? Authority, string? Report, bool DryRun, int? Children, int Parallelism)
{
    public const string Usage =
        "usage: CareTracking.Import903 --folder PATH --placements URL --missing URL --reviews URL --token TOKEN\n"
        + "         [--authority LA] [--report rejected.csv] [--dry-run] [--children N] [--parallel N]\n"
        + "  --dry-run: read and map only, post nothing (the URLs and token are then optional);\n"
        + "  --children N: only the first N children of header.csv (a trial load).";

    public static ImportArguments? Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--dry-run") { dryRun = true; continue; }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) return null;
            values[args[i][2..]] = args[++i];
        }
        string? Value(string name) => values.GetValueOrDefault(name);
        int? Number(string name) => Value(name) is { } v ? int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1 : null;

        var known = new[] { "folder", "placements", "missing", "reviews", "token", "authority", "report", "children", "parallel" };
        if (values.Keys.Except(known).Any() || Value("folder") is not { } folder) return null;
        if (Number("children") == -1 || Number("parallel") == -1) return null;
        if (!dryRun && (Value("placements") is null || Value("missing") is null || Value("reviews") is null || Value("token") is null)) return null;
        if (dryRun && Value("token") is null && Value("authority") is null) values["authority"] = "dry-run";
        return new ImportArguments(folder, Value("placements"), Value("missing"), Value("reviews"), Value("token"), Value("authority"),
            Value("report"), dryRun, Number("children"), Number("parallel") ?? 4);
    }
}
