namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>The return interview owed after a return: due within 72 hours of it (null while still missing).</summary>
public sealed record ReturnInterviewView(DateTimeOffset? DueBy, string Status, IReadOnlyList<ReturnInterviewStep> Steps);

/// <summary>One episode as GET /api/missing-episodes/{id} shows it.</summary>
public sealed record EpisodeView(
    Guid EpisodeId,
    string ChildId,
    string Kind,
    string Status,
    bool AwaitingCareConfirmation,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ReportedAt,
    string RiskLevel,
    string RequestedRiskLevel,
    ExploitationRisk ExploitationRisk,
    string? PoliceReference,
    IReadOnlyList<RiskAssessment> RiskAssessments,
    DateTimeOffset? ReturnedAt,
    string? FoundArea,
    ReturnInterviewView ReturnInterview,
    EndOfCareClosure? ClosedAtEndOfCare,
    bool ReportedAfterReturn)
{
    public const string AwaitingCare = "awaiting-care-confirmation";
    public const string Missing = "missing";
    public const string Returned = "returned";
    public const string ClosedCareEnded = "closed-care-ended";

    /// <summary>awaiting-care-confirmation (kept, not yet an incident), missing, returned, or
    /// closed-care-ended (the child's care ended while still missing; still an incident, not a return).</summary>
    public static string StatusOf(Episode episode) =>
        episode.AwaitingCareConfirmation ? AwaitingCare
        : episode.ReturnedAt is not null ? Returned
        : episode.ClosedAtEndOfCare is not null ? ClosedCareEnded
        : Missing;

    public static ReturnInterviewView InterviewOf(Episode episode, DateTimeOffset now) =>
        new(episode.ReturnInterviewDueBy, episode.ReturnInterviewStatusAt(now), episode.ReturnInterview);

    public static EpisodeView Of(Episode e, DateTimeOffset now) => new(
        e.EpisodeId, e.ChildId, e.Kind, StatusOf(e), e.AwaitingCareConfirmation, e.LastSeenAt, e.ReportedAt, e.RiskLevel,
        e.RequestedRiskLevel, e.ExploitationRisk, e.PoliceReference, e.RiskAssessments, e.ReturnedAt, e.FoundArea,
        InterviewOf(e, now), e.ClosedAtEndOfCare, e.ReportedAfterReturn);
}
