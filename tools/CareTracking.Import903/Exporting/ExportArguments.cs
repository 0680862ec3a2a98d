namespace CareTracking.Import903.Exporting;

/// <summary><c>export-903 --year YYYY --out DIR --indicators URL --token TOKEN [--known-at INSTANT]</c>.</summary>
public sealed record ExportArguments(int Year, string Out, Uri Indicators, string Token, string? KnownAt)
{
    /// <summary>The words after <c>export-903</c>, or null with a one-line <paramref name="error"/> naming the flag at
    /// fault (<see cref="ImportCommandLine"/>).</summary>
    public static ExportArguments? Parse(string[] args, out string error) => ImportCommandLine.ParseExport(args, out error);
}
