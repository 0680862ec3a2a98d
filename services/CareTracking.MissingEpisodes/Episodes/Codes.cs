namespace CareTracking.MissingEpisodes.Episodes;

// Codes travel as strings in requests, events and alerts, so that stored history and the police feed read
// the same way as the 903 return and survive a rename in code.

/// <summary>903 MISSING: M = missing from care (whereabouts unknown); A = away from placement without
/// authorisation (whereabouts known, not where expected, carer concerned).</summary>
public static class MissingKind
{
    public const string Missing = "M";
    public const string Away = "A";

    public static bool IsKnown(string? code) => code is Missing or Away;
}

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

/// <summary>What happened to the independent return (home) interview the local authority owes the child.</summary>
public static class ReturnInterviewOutcome
{
    public const string Offered = "offered";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Completed = "completed";

    public static bool IsKnown(string? code) => code is Offered or Accepted or Declined or Completed;
}

/// <summary>Why an episode was closed at the end of care (<see cref="EpisodeClosedAtEndOfCare"/>).</summary>
public static class EndOfCareReason
{
    /// <summary>Care ended on the child's 18th birthday: 903 closes an unresolved missing case then (REC E8).</summary>
    public const string EighteenthBirthday = "18th-birthday";
    public const string CareEnded = "care-ended";
}

/// <summary>Why an end of care no longer closes an episode (<see cref="EpisodeReopened"/>).</summary>
public static class CareCorrection
{
    /// <summary>Placements retracted the ending (CarePeriodReopened).</summary>
    public const string PeriodReopened = "care-period-reopened";

    /// <summary>Placements retracted the whole period (CarePeriodWithdrawn).</summary>
    public const string PeriodWithdrawn = "care-period-withdrawn";

    /// <summary>A message Placements published earlier arrived late, and in Placements' order the end that closed
    /// the episode is no longer the one in force (e.g. an ending that was later retracted and recorded again).</summary>
    public const string PeriodRestated = "care-period-restated";
}

/// <summary>Known risk of child criminal exploitation (CCE) or child sexual exploitation (CSE).</summary>
public sealed record ExploitationRisk(bool Criminal, bool Sexual)
{
    public static readonly ExploitationRisk None = new(false, false);
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Any => Criminal || Sexual;
}
