namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>The police risk level of a missing person (College of Policing APP continuum, as forces grade it).</summary>
public static class RiskLevel
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    public static bool IsKnown(string? code) => code is Low or Medium or High;

    public static int Rank(string code) => code switch
    {
        Low => 0,
        Medium => 1,
        High => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown risk level."),
    };
}
