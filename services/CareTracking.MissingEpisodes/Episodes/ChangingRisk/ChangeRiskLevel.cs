using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Episodes.ChangingRisk;

/// <summary>The police or the local authority re-assessed the risk level of a child still missing.</summary>
/// <param name="ReviewedBy">The reviewer of a lowering below high for a child at risk of criminal exploitation.</param>
public sealed record ChangeRiskLevel(Guid EpisodeId, DateTimeOffset At, string RiskLevel, string Reason, string? ReviewedBy = null)
{
    /// <summary>
    /// Rules: the episode must be reported; a known level and a reason are required; the assessment is not in
    /// the future, not before the latest assessment (the report's or a change's), not after the return and, for
    /// an episode closed at the end of care, not after the UK date care ended; a child at risk of criminal
    /// exploitation stays high unless a reviewer (a police inspector, seed 002) lowers it to medium, never to low.
    /// A repeat of an accepted change, or a "change" to the
    /// level already in force, appends nothing.
    /// </summary>
    public static EpisodeDecision Decide(ChangeRiskLevel command, Episode? state, DateTimeOffset now)
    {
        var episode = EpisodeRules.MustBeReported(state);
        if (!Episodes.RiskLevel.IsKnown(command.RiskLevel))
            throw new RuleViolation("riskLevel", "risk.level-unknown", "riskLevel must be low, medium or high.");
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw new RuleViolation("reason", "risk.reason-required", "A change of risk level needs a reason.");
        if (episode.RiskAssessments.Contains(new RiskAssessment(command.At, command.RiskLevel)))
            return EpisodeDecision.Nothing(command.EpisodeId);

        EpisodeRules.NotInFuture(command.At, now, "at", "risk.in-future");
        if (command.At < episode.LatestRiskAssessment.At)
            throw new RuleViolation("at", "risk.before-latest-assessment",
                "at is earlier than the latest risk assessment of this episode; risk changes are recorded in order.");
        if (episode.ReturnedAt is { } returned && command.At > returned)
            throw new RuleViolation("at", "risk.after-return",
                "The child has returned; a risk level can only be changed while the child is missing.");
        if (episode.ClosedAtEndOfCare is { } closure && UkLocalDate.Of(command.At) > closure.EndedOn)
            throw new RuleViolation("at", "risk.after-care-ended",
                "The episode was closed when the child's care ended; a risk level can only be changed up to the day care ended.");
        var reviewer = string.IsNullOrWhiteSpace(command.ReviewedBy) ? null : command.ReviewedBy.Trim();
        if (episode.ExploitationRisk.Criminal && command.RiskLevel == Episodes.RiskLevel.Low)
            throw new RuleViolation("riskLevel", "risk.criminal-exploitation",
                "A child at risk of criminal exploitation is treated as high risk; a review can lower it to medium, never to low.");
        if (episode.ExploitationRisk.Criminal && command.RiskLevel != Episodes.RiskLevel.High && reviewer is null)
            throw new RuleViolation("riskLevel", "risk.criminal-exploitation",
                "A child at risk of criminal exploitation is treated as high risk; only a reviewed decision lowers it to medium: name the reviewer (the police inspector) in reviewedBy, with the reason.");
        if (command.RiskLevel == episode.RiskLevel)
            return EpisodeDecision.Nothing(command.EpisodeId);

        return new EpisodeDecision(
            command.EpisodeId,
            // The reviewer is kept only where the rule asks for one: elsewhere it would be a name nobody needed.
            [new RiskLevelChanged(command.EpisodeId, command.At, command.RiskLevel, episode.RiskLevel, command.Reason.Trim(),
                episode.ExploitationRisk.Criminal && command.RiskLevel != Episodes.RiskLevel.High ? reviewer : null)],
            []);
    }
}
