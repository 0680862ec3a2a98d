using System.Collections.Immutable;

namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>A risk level assessed at an instant: the report's own assessment or a later change.</summary>
public sealed record RiskAssessment(DateTimeOffset At, string RiskLevel);

/// <summary>One step of the independent return interview (offered, accepted, declined, completed).</summary>
public sealed record ReturnInterviewStep(string Outcome, DateTimeOffset At);

/// <summary>The episode was closed because the child's care ended while the child was still missing.</summary>
public sealed record EndOfCareClosure(DateOnly EndedOn, string Reason, string? ReasonEnded, DateOnly CarePeriodStartDate);

/// <summary>
/// The state of one missing episode: what its decisions and its police alerts need. A stream with no events
/// folds to null (the episode was never reported).
/// </summary>
public sealed record Episode(
    Guid EpisodeId,
    string Authority,
    string ChildId,
    string Kind,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ReportedAt,
    string RequestedRiskLevel,
    string? RiskReason,
    ExploitationRisk ExploitationRisk,
    string? PoliceReference,
    bool AwaitingCareConfirmation,
    ImmutableList<RiskAssessment> RiskAssessments,
    DateTimeOffset? ReturnedAt,
    string? FoundArea,
    ImmutableList<ReturnInterviewStep> ReturnInterview,
    EndOfCareClosure? ClosedAtEndOfCare = null,
    bool ReportedAfterReturn = false)
{
    /// <summary>The independent return interview is due within 72 hours of the return instant.</summary>
    public static readonly TimeSpan ReturnInterviewWindow = TimeSpan.FromHours(72);

    public static Episode? Fold(IEnumerable<EpisodeEvent> events) => events.Aggregate((Episode?)null, (s, e) => Evolve(s, e));

    public static Episode Evolve(Episode? state, EpisodeEvent @event) => (state, @event) switch
    {
        (null, MissingEpisodeReported e) => new Episode(
            e.EpisodeId, e.Authority, e.ChildId, e.Kind, e.LastSeenAt, e.ReportedAt, e.RequestedRiskLevel,
            e.RiskReason, e.ExploitationRisk, e.PoliceReference, e.AwaitingCareConfirmation,
            [new RiskAssessment(e.ReportedAt, e.RiskLevel)], null, null, [], ReportedAfterReturn: e.ReportedAfterReturn),
        (null, _) => throw new InvalidOperationException(
            $"Episode {@event.EpisodeId} has {@event.GetType().Name} before it was reported."),
        (_, MissingEpisodeReported) => throw new InvalidOperationException(
            $"Episode {@event.EpisodeId} was reported twice."),
        (_, EpisodeCareConfirmed) => state with { AwaitingCareConfirmation = false },
        (_, RiskLevelChanged e) => state with { RiskAssessments = state.RiskAssessments.Add(new RiskAssessment(e.At, e.RiskLevel)) },
        // A return recorded after the episode was closed at the end of care (found on or before that day) is the
        // real end of the episode and replaces the closure.
        (_, ChildReturned e) => state with { ReturnedAt = e.ReturnedAt, FoundArea = e.FoundArea, ClosedAtEndOfCare = null },
        (_, EpisodeClosedAtEndOfCare e) => state with
        {
            ClosedAtEndOfCare = new EndOfCareClosure(e.EndedOn, e.Reason, e.ReasonEnded, e.CarePeriodStartDate),
        },
        (_, EpisodeReopened) => state with { ClosedAtEndOfCare = null },
        (_, ReturnInterviewOffered e) => state.WithInterviewStep(ReturnInterviewOutcome.Offered, e.At),
        (_, ReturnInterviewAccepted e) => state.WithInterviewStep(ReturnInterviewOutcome.Accepted, e.At),
        (_, ReturnInterviewDeclined e) => state.WithInterviewStep(ReturnInterviewOutcome.Declined, e.At),
        (_, ReturnInterviewCompleted e) => state.WithInterviewStep(ReturnInterviewOutcome.Completed, e.At),
        _ => throw new InvalidOperationException($"Unhandled episode event {@event.GetType().Name}."),
    };

    Episode WithInterviewStep(string outcome, DateTimeOffset at) =>
        this with { ReturnInterview = ReturnInterview.Add(new ReturnInterviewStep(outcome, at)) };

    public RiskAssessment LatestRiskAssessment => RiskAssessments[^1];

    public string RiskLevel => LatestRiskAssessment.RiskLevel;

    /// <summary>Neither returned nor closed at the end of care: the child is still missing or away.</summary>
    public bool IsOpen => ReturnedAt is null && ClosedAtEndOfCare is null;

    public DateTimeOffset? ReturnInterviewDueBy => ReturnedAt + ReturnInterviewWindow;

    public bool IsWithinReturnInterviewWindow(DateTimeOffset at) =>
        ReturnedAt is { } returned && at <= returned + ReturnInterviewWindow;

    /// <summary>
    /// Where the return interview stands at an instant, for the episode lists: "not-due" while the child is
    /// still missing, and also when the episode was closed at the end of care (there was no return);
    /// otherwise the latest outcome recorded ("offered", "accepted", "declined",
    /// "completed"), or with none yet "due" until the 72 hours have passed and "overdue" after.
    /// </summary>
    public string ReturnInterviewStatusAt(DateTimeOffset now) =>
        ReturnedAt is null ? "not-due"
        : ReturnInterview.OrderBy(s => s.At).LastOrDefault() is { } latest ? latest.Outcome
        : now <= ReturnedAt.Value + ReturnInterviewWindow ? "due"
        : "overdue";
}
