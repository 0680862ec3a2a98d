namespace CareTracking.Ssda903.Codes;

/// <summary>903 MISSING (rule 1006), in words (docs/ssda903.md, "Missing"): the API documents them and the
/// subject-access page shows them.</summary>
public static class MissingCodes
{
    public static IReadOnlyDictionary<string, string> Meanings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["M"] = "Missing from care: whereabouts unknown (903 MISSING M)",
        ["A"] = "Away from placement without authorisation: whereabouts known, not where expected (903 MISSING A)",
    };
}
