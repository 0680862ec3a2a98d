namespace CareTracking.Indicators.Model;

/// <summary>
/// A missing or away episode on instants (UTC). End is the return (MIS_END). FirstReturnInterviewAt is the
/// earliest return-interview event of any outcome (the offer); InterviewAccepted includes interviews that
/// were completed. ClosedAtEndOfCare is the UK date care ended while the child was still missing (no return):
/// the episode ends then, at the start of that day, but is not a return.
/// </summary>
public sealed record MissingIncident(
    MissingKind Kind,
    DateTimeOffset Start,
    DateTimeOffset? End,
    DateTimeOffset? FirstReturnInterviewAt = null,
    bool InterviewAccepted = false,
    bool InterviewCompleted = false,
    DateOnly? ClosedAtEndOfCare = null)
{
    /// <summary>The highest police risk level the episode reached (low, medium, high); null when not known.</summary>
    public string? HighestRiskLevel { get; init; }

    public bool CriminalExploitation { get; init; }

    public bool SexualExploitation { get; init; }

    /// <summary>Where the child was found, as the case system gave it (trimmed); null when not recorded.</summary>
    public string? FoundArea { get; init; }

    /// <summary>When the return interview was completed (the earliest completion recorded).</summary>
    public DateTimeOffset? InterviewCompletedAt { get; init; }
}
