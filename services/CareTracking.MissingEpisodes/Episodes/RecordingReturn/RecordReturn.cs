using CareTracking.MissingEpisodes.Children;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Episodes.RecordingReturn;

/// <summary>The child was found or came back (903 MIS_END); FoundArea is optional and never an address.</summary>
public sealed record RecordReturn(Guid EpisodeId, DateTimeOffset ReturnedAt, string? FoundArea)
{
    /// <summary>
    /// Rules: the episode must be reported; a return is recorded once (the same return again appends nothing,
    /// a different one is refused); it is after the last-seen instant and not in the future. For an episode
    /// closed at the end of care, a return on or before the UK date care ended is the real end of the episode
    /// and replaces the closure (the child was found while looked after, so a return interview is owed and the
    /// police hear "returned"); a later one is refused, since the local authority's case closed with the care.
    /// The return must not reach past the last-seen instant of a later episode of the child (903 rule 574).
    /// The child's episode index is closed in the same append.
    /// </summary>
    public static EpisodeDecision Decide(RecordReturn command, MissingChild child, Episode? state, DateTimeOffset now)
    {
        var episode = EpisodeRules.MustBeReported(state);
        var foundArea = string.IsNullOrWhiteSpace(command.FoundArea) ? null : command.FoundArea.Trim();
        if (episode.ReturnedAt is { } recorded)
        {
            return recorded == command.ReturnedAt && episode.FoundArea == foundArea
                ? EpisodeDecision.Nothing(command.EpisodeId)
                : throw new RuleViolation("returnedAt", "return.already-recorded",
                    "The return of this episode is already recorded; a return is recorded once.");
        }

        if (command.ReturnedAt <= episode.LastSeenAt)
            throw new RuleViolation("returnedAt", "return.before-last-seen",
                "returnedAt must be after the instant the child was last seen.");
        EpisodeRules.NotInFuture(command.ReturnedAt, now, "returnedAt", "return.in-future");
        if (episode.ClosedAtEndOfCare is { } closure && UkLocalDate.Of(command.ReturnedAt) > closure.EndedOn)
            throw new RuleViolation("returnedAt", "return.after-care-ended",
                "The episode was closed when the child's care ended; a return after the day care ended is not recorded (the police keep their own case).");
        if (child.Episodes.FirstOrDefault(e => e.EpisodeId != episode.EpisodeId
                && e.LastSeenAt >= episode.LastSeenAt && e.LastSeenAt < command.ReturnedAt) is { } later)
            throw new RuleViolation("returnedAt", "episode.overlaps",
                $"returnedAt is after the child was last seen in a later episode ({later.EpisodeId}); episodes of one child do not overlap (903 rule 574).");

        return new EpisodeDecision(
            command.EpisodeId,
            [new ChildReturned(command.EpisodeId, command.ReturnedAt, foundArea)],
            [new EpisodeReturnedNoted(command.EpisodeId, command.ReturnedAt)]);
    }
}
