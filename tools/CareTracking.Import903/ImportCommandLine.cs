using System.CommandLine;
using System.Globalization;
using CareTracking.Import903.Exporting;
using CareTracking.Tools;

namespace CareTracking.Import903;

/// <summary>
/// The importer's command line (System.CommandLine): the import itself, and <c>export-903</c>. Every fault is found
/// here, before a file is read or a request sent, and named in one line; <c>--help</c> lists every option and the exit
/// codes (docs/import-903.md).
/// </summary>
public static class ImportCommandLine
{
    public const string Tool = "import 903";

    /// <summary>Exit codes, as --help and docs/import-903.md give them.</summary>
    public const string ExitCodes =
        "Exit codes: 0 every row posted; 1 some rows rejected (see --report); 2 bad usage (checked before anything is "
        + "read or posted) or unreadable files; 3 the import's accounting did not add up (a bug); 4 a service could not "
        + "be reached or timed out (its rows are rejected and the rest goes on).";

    private static readonly Option<string?> Folder = new("--folder") { Description = "The return's CSV files (header.csv, episodes.csv, ...). Required.", HelpName = "PATH" };
    private static readonly Option<string?> Placements = ToolCommandLine.HttpUrl("--placements", "The Placements service (care histories). Required unless --dry-run.");
    private static readonly Option<string?> Missing = ToolCommandLine.HttpUrl("--missing", "The Missing episodes service (missing.csv). Required unless --dry-run.");
    private static readonly Option<string?> Reviews = ToolCommandLine.HttpUrl("--reviews", "The Reviews service (reviews.csv). Required unless --dry-run.");
    private static readonly Option<string?> Health = ToolCommandLine.HttpUrl("--health", "The Health service (oc2.csv); without it those rows are rejected.");
    private static readonly Option<string?> LeavingCare = ToolCommandLine.HttpUrl("--leaving-care", "The Leaving-care service (oc3.csv); likewise.");
    private static readonly Option<string?> Token = new("--token") { Description = "A bearer token with the services' write scopes, bound to one authority. Required unless --dry-run.", HelpName = "TOKEN" };
    private static readonly Option<string?> Authority = new("--authority") { Description = "The authority the event ids are derived under (default: the token's authority claim).", HelpName = "LA" };
    private static readonly Option<int?> Year = Years("--year", "The collection year, ending 31 March (default: that of the latest dated row).",
        "is not the four-digit year in which the collection year ends (31 March).");
    private static readonly Option<string?> Report = new("--report") { Description = "Write every rejected row with its rule and reason to this CSV file.", HelpName = "FILE.csv" };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Read and map only; post nothing (the URLs and token are then optional)." };
    private static readonly Option<int?> Children = ToolCommandLine.PositiveCount("--children", "Only the first N children of header.csv (a trial load).");
    private static readonly Option<int?> Parallel = ToolCommandLine.PositiveCount("--parallel", "Children posted at once (default 4).");

    private static readonly Option<int?> ExportYear = Years("--year", "The 31 March the collection year ends on (2023 = the 2022/23 return). Required.",
        "is not a four-digit year (the 31 March the collection year ends on).");
    private static readonly Option<string?> ExportOut = new("--out") { Description = "The folder the return's files are written to. Required.", HelpName = "DIR" };
    private static readonly Option<string?> ExportIndicators = ToolCommandLine.HttpUrl("--indicators", "The Indicators service. Required.");
    private static readonly Option<string?> ExportToken = new("--token") { Description = "A token with the returns:read scope. Required.", HelpName = "TOKEN" };
    private static readonly Option<string?> ExportKnownAt = new("--known-at") { Description = "The return as the records stood then, e.g. 2023-05-31T17:00:00Z.", HelpName = "INSTANT" };

    private static readonly Command Export = new("export-903",
        "Downloads a year's 903 return from Indicators into a folder (docs/return-903.md). "
        + "Exit codes: 0 written; 1 refused by the service or unreachable; 2 bad usage.")
    {
        ExportYear, ExportOut, ExportIndicators, ExportToken, ExportKnownAt,
    };

    /// <summary>The whole command line; built once, read by every parse.</summary>
    public static readonly RootCommand Root = Actionable(new(
        "Loads a 903 return's CSV files through the services as a case system would (docs/import-903.md).\n" + ExitCodes)
    {
        Folder, Placements, Missing, Reviews, Health, LeavingCare, Token, Authority, Year, Report, DryRun, Children, Parallel,
        Export,
    });

    // The parse is run by InvokeAsync, not by the commands' actions; an action only tells the parser that the root
    // command alone (without export-903) is a whole command line.
    private static RootCommand Actionable(RootCommand root)
    {
        root.SetAction(_ => 0);
        Export.SetAction(_ => 0);
        return root;
    }

    /// <summary>Runs the command line: the help, a usage fault (exit 2), an import or an export.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr,
        Func<ImportArguments, Task<int>> import, Func<ExportArguments, Task<int>> export) =>
        ToolCommandLine.InvokeAsync(Root, Tool, args, stdout, stderr, parsed =>
            parsed.CommandResult.Command == Export ? export(BindExport(parsed)) : import(BindImport(parsed)));

    /// <summary>The import's arguments, or null with the one-line fault.</summary>
    public static ImportArguments? ParseImport(string[] args, out string error) => Bind(args, BindImport, out error);

    /// <summary>export-903's arguments (the words after <c>export-903</c>), or null with the one-line fault.</summary>
    public static ExportArguments? ParseExport(string[] args, out string error) => Bind(["export-903", .. args], BindExport, out error);

    private static T? Bind<T>(string[] args, Func<System.CommandLine.ParseResult, T> bind, out string error) where T : class
    {
        try
        {
            var parsed = Root.Parse(args);
            if (ToolCommandLine.FirstError(parsed) is { } fault) throw new UsageFault(fault);
            error = "";
            return bind(parsed);
        }
        catch (UsageFault fault)
        {
            error = fault.Message;
            return null;
        }
    }

    private static ImportArguments BindImport(System.CommandLine.ParseResult parsed)
    {
        if (parsed.CommandResult.Command != Root) throw new UsageFault($"'{parsed.CommandResult.Command.Name}' takes none of the import's options.");
        var folder = parsed.GetValue(Folder) ?? throw new UsageFault("--folder is missing.");
        var dryRun = parsed.GetValue(DryRun);
        if (!dryRun)
        {
            foreach (var option in new[] { Placements, Missing, Reviews, Token })
                if (parsed.GetValue(option) is null) throw new UsageFault($"{option.Name} is missing (only a --dry-run may leave it out).");
        }
        var token = parsed.GetValue(Token);
        var claim = token is null ? null : TokenAuthority.Read(token);
        var given = parsed.GetValue(Authority);
        if (given is not null && claim is not null && given != claim)
            throw new UsageFault($"--authority {given} differs from the token's authority claim {claim}: the event ids would be derived under another authority.");
        var authority = given ?? claim ?? (token is null ? "dry-run" : null)
            ?? throw new UsageFault("--token names no authority (no authority claim); pass --authority.");
        return new ImportArguments(folder, parsed.GetValue(Placements), parsed.GetValue(Missing), parsed.GetValue(Reviews), token, authority,
            parsed.GetValue(Report), dryRun, parsed.GetValue(Children), parsed.GetValue(Parallel) ?? 4,
            parsed.GetValue(Health), parsed.GetValue(LeavingCare), parsed.GetValue(Year));
    }

    private static ExportArguments BindExport(System.CommandLine.ParseResult parsed)
    {
        var year = parsed.GetValue(ExportYear) ?? throw new UsageFault("--year is missing.");
        var output = parsed.GetValue(ExportOut) ?? throw new UsageFault("--out is missing.");
        var indicators = parsed.GetValue(ExportIndicators) ?? throw new UsageFault("--indicators is missing.");
        var token = parsed.GetValue(ExportToken) ?? throw new UsageFault("--token is missing.");
        return new ExportArguments(year, output, new Uri(indicators), token, parsed.GetValue(ExportKnownAt));
    }

    private static Option<int?> Years(string name, string description, string fault) => new(name)
    {
        Description = description,
        HelpName = "YYYY",
        CustomParser = result =>
        {
            var text = result.Tokens.LastOrDefault()?.Value ?? "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100) return year;
            result.AddError($"{name} '{text}' {fault}");
            return null;
        },
    };
}
