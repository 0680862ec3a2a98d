using CareTracking.MissingEpisodes.Children;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>
/// What an episode command decided: events for the episode's stream and, in the same atomic append, for the
/// child's stream (its episode index). Both empty when the command repeats one already accepted.
/// </summary>
public sealed record EpisodeDecision(
    Guid EpisodeId,
    IReadOnlyList<EpisodeEvent> EpisodeEvents,
    IReadOnlyList<MissingChildEvent> ChildEvents)
{
    public static EpisodeDecision Nothing(Guid episodeId) => new(episodeId, [], []);

    public bool IsEmpty => EpisodeEvents.Count == 0 && ChildEvents.Count == 0;
}

static class EpisodeRules
{
    /// <summary>Clocks of case systems and of this service differ a little; an instant up to five minutes
    /// ahead of ours is accepted as "now", anything later is a mistake (usually a wrong date or time zone).</summary>
    public static readonly TimeSpan ClockAllowance = TimeSpan.FromMinutes(5);

    public static Episode MustBeReported(Episode? episode) =>
        episode ?? throw new RuleViolation("episodeId", "episode.not-reported",
            "No missing episode has been reported with this id.");

    public static void NotInFuture(DateTimeOffset instant, DateTimeOffset now, string field, string rule)
    {
        if (instant > now + ClockAllowance)
            throw new RuleViolation(field, rule, $"{field} is in the future; give the instant it happened.");
    }
}
