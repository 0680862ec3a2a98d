namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>What happened to the independent return (home) interview the local authority owes the child.</summary>
public static class ReturnInterviewOutcome
{
    public const string Offered = "offered";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Completed = "completed";

    public static bool IsKnown(string? code) => code is Offered or Accepted or Declined or Completed;
}
