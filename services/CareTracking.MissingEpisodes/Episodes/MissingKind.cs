namespace CareTracking.MissingEpisodes.Episodes;

// Codes (this and RiskLevel, ReturnInterviewOutcome, EndOfCareReason, CareCorrection) travel as strings in requests,
// events and alerts, so that stored history and the police feed read the same way as the 903 return and survive a
// rename in code.

/// <summary>903 MISSING: M = missing from care (whereabouts unknown); A = away from placement without
/// authorisation (whereabouts known, not where expected, carer concerned).</summary>
public static class MissingKind
{
    public const string Missing = "M";
    public const string Away = "A";

    public static bool IsKnown(string? code) => code is Missing or Away;
}
