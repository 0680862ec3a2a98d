using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.MissingEpisodes.Episodes.RecordingReturnInterview;

/// <summary>
/// A step of the independent return interview: the local authority offers it, the child accepts or declines,
/// and it is completed. Steps may arrive in any order and some may never be recorded (a case system may
/// post only "completed"), so no order is imposed beyond "after the return".
/// </summary>
public sealed record RecordReturnInterview(Guid EpisodeId, string Outcome, DateTimeOffset At)
{
    /// <summary>
    /// Rules: the episode must be reported and the return recorded; a known outcome; at or after the return
    /// and not in the future; completed once. The same step again appends nothing. Each event records whether
    /// the step was within 72 hours of the return instant (at &lt;= returnedAt + 72h, to the second).
    /// </summary>
    public static EpisodeDecision Decide(RecordReturnInterview command, Episode? state, DateTimeOffset now)
    {
        var episode = EpisodeRules.MustBeReported(state);
        if (!ReturnInterviewOutcome.IsKnown(command.Outcome))
            throw new RuleViolation("outcome", "interview.outcome-unknown",
                "outcome must be offered, accepted, declined or completed.");
        if (episode.ReturnedAt is not { } returned)
            throw new RuleViolation("at", "interview.no-return",
                "A return interview follows the child's return, and no return is recorded for this episode.");
        if (episode.ReturnInterview.Contains(new ReturnInterviewStep(command.Outcome, command.At)))
            return EpisodeDecision.Nothing(command.EpisodeId);
        if (command.At < returned)
            throw new RuleViolation("at", "interview.before-return", "at must not be before the child's return.");
        EpisodeRules.NotInFuture(command.At, now, "at", "interview.in-future");
        if (command.Outcome == ReturnInterviewOutcome.Completed
            && episode.ReturnInterview.Any(s => s.Outcome == ReturnInterviewOutcome.Completed))
            throw new RuleViolation("outcome", "interview.already-completed",
                "The return interview for this episode is already recorded as completed.");

        var within = episode.IsWithinReturnInterviewWindow(command.At);
        EpisodeEvent step = command.Outcome switch
        {
            ReturnInterviewOutcome.Offered => new ReturnInterviewOffered(command.EpisodeId, command.At, within),
            ReturnInterviewOutcome.Accepted => new ReturnInterviewAccepted(command.EpisodeId, command.At, within),
            ReturnInterviewOutcome.Declined => new ReturnInterviewDeclined(command.EpisodeId, command.At, within),
            _ => new ReturnInterviewCompleted(command.EpisodeId, command.At, within),
        };
        return new EpisodeDecision(command.EpisodeId, [step], []);
    }
}
