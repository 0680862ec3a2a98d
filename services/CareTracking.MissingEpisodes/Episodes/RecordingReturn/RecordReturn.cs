using CareTracking.MissingEpisodes.Children;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.MissingEpisodes.Episodes.RecordingReturn;

/// <summary>The child was found or came back (903 MIS_END); FoundArea is optional and never an address.</summary>
public sealed record RecordReturn(Guid EpisodeId, DateTimeOffset ReturnedAt, string? FoundArea)
{
    /// <summary>
    /// Rules: the episode must be reported; a return is recorded once (the same return again appends nothing,
    /// a different one is refused); it is after the last-seen instant and not in the future. The child's
    /// episode index is closed in the same append.
    /// </summary>
    public static EpisodeDecision Decide(RecordReturn command, Episode? state, DateTimeOffset now)
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

        return new EpisodeDecision(
            command.EpisodeId,
            [new ChildReturned(command.EpisodeId, command.ReturnedAt, foundArea)],
            [new EpisodeReturnedNoted(command.EpisodeId, command.ReturnedAt)]);
    }
}
