using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace CareTracking.Tools;

/// <summary>
/// What the tools' command lines share (System.CommandLine underneath): one line naming the option at fault, exit
/// code 2 for bad usage (checked before anything is read, posted or connected), and <c>--help</c> exiting 0.
/// Linked into each tool's project (tools/Shared), as the tools share no other project.
/// </summary>
internal static class ToolCommandLine
{
    public const int BadUsage = 2;

    /// <summary>The first fault of <paramref name="parsed"/> as one line that names the option, or null. Unknown
    /// words, an option given twice and an option without its value are worded here; the rest (validators' own
    /// messages) as the option's validator wrote them.</summary>
    public static string? FirstError(ParseResult parsed)
    {
        if (parsed.UnmatchedTokens.FirstOrDefault() is { } stray)
            return stray.StartsWith('-') ? $"unknown flag {stray}." : $"'{stray}' is not a flag (flags start with --).";
        foreach (var option in Options(parsed.CommandResult))
        {
            if (option.IdentifierTokenCount > 1) return $"{option.Option.Name} is given twice.";
            // System.CommandLine would take the next flag as the value (--report --dry-run): no value starts with --.
            if (!option.Implicit && option.Option.Arity.MinimumNumberOfValues > 0
                && (option.Tokens.Count == 0 || option.Tokens.Any(t => t.Value.StartsWith("--", StringComparison.Ordinal))))
                return $"{option.Option.Name} needs a value.";
        }
        return parsed.Errors.FirstOrDefault()?.Message;
    }

    private static IEnumerable<OptionResult> Options(CommandResult command) =>
        command.Children.OfType<OptionResult>().Concat(command.Parent is CommandResult parent ? Options(parent) : []);

    /// <summary>Parses <paramref name="args"/>; prints the help (exit 0) or the fault (exit 2) itself, else hands the
    /// parse to <paramref name="run"/>, which may still refuse it with a fault of its own (<see cref="UsageFault"/>).</summary>
    public static async Task<int> InvokeAsync(RootCommand root, string tool, string[] args, TextWriter stdout, TextWriter stderr,
        Func<ParseResult, Task<int>> run)
    {
        var parsed = root.Parse(args);
        if (parsed.Action is HelpAction)
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        try
        {
            if (FirstError(parsed) is { } error) throw new UsageFault(error);
            return await run(parsed);
        }
        catch (UsageFault fault)
        {
            await stderr.WriteLineAsync($"{tool}: {fault.Message}");
            await stderr.WriteLineAsync($"{tool}: run with --help for every option.");
            return BadUsage;
        }
    }

    /// <summary>A whole number of at least 1, refusing signs, decimals and words with a message naming the option.</summary>
    public static Option<int?> PositiveCount(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.LastOrDefault()?.Value ?? "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
            result.AddError($"{name} '{text}' is not a positive whole number.");
            return null;
        },
    };

    /// <summary>An absolute http or https URL, kept as given.</summary>
    public static Option<string?> HttpUrl(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.LastOrDefault()?.Value ?? "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                return text;
            result.AddError($"{name} '{text}' is not an absolute http or https URL.");
            return null;
        },
    };
}

/// <summary>Bad usage found after parsing (a value missing, two options that disagree): exit code 2.</summary>
internal sealed class UsageFault(string message) : Exception(message);
