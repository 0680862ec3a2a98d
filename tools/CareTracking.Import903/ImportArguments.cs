namespace CareTracking.Import903;

/// <param name="Authority">The authority the event ids are derived under: <c>--authority</c>, else the token's
/// <c>authority</c> claim; <c>dry-run</c> in a dry run with neither.</param>
/// <param name="Health">The Health service, for oc2.csv (optional: without it those rows are rejected).</param>
/// <param name="LeavingCare">The Leaving-care service, for oc3.csv (likewise).</param>
/// <param name="Year">The collection year (ending 31 March) of the return; by default the one of its latest dated row.</param>
public sealed record ImportArguments(string Folder, string? Placements, string? Missing, string? Reviews, string? Token,
    string Authority, string? Report, bool DryRun, int? Children, int Parallelism, string? Health = null, string? LeavingCare = null, int? Year = null)
{
    /// <summary>The arguments, or null with a one-line <paramref name="error"/> naming the flag at fault
    /// (<see cref="ImportCommandLine"/>).</summary>
    public static ImportArguments? Parse(string[] args, out string error) => ImportCommandLine.ParseImport(args, out error);
}
