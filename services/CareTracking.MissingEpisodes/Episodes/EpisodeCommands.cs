using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Privacy;

namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>
/// Runs an episode command over both of its streams: the episode's (read, decided and appended by
/// <see cref="StreamCommands"/> with If-Match, eventId idempotency and ETag) and the child's (read in the same
/// attempt, before the episode's, because decisions and alerts need the child's care and episodes; its events are
/// appended in the same transaction with the version read). The alerts go into the outbox in that transaction too,
/// each logged as a disclosure (<see cref="PoliceDisclosureLog"/>).
/// </summary>
public static class EpisodeCommands
{
    private const int AttemptsOnChildConflict = 5;

    /// <param name="episodeRead">The episode's stream when the caller read it to find the child: not read again.</param>
    /// <returns>The answer, and the episode as the command left it (for the answer's status).</returns>
    public static async Task<(CommandAnswer Answer, Episode? Episode)> RunAsync(HttpContext http, DocumentStore store, PoliceForces forces,
        Guid episodeId, string childId, Guid? eventId, Func<MissingChild, Episode?, EpisodeDecision> decide,
        IReadOnlyList<StoredEvent>? episodeRead = null)
    {
        var context = new AppendContext(
            CorrelationId: Correlation.IdOf(http),
            CausationId: eventId?.ToString(),
            ActingClient: http.User.Client(),
            RequestHash: await RequestFingerprint.OfAsync(http));
        var authority = http.User.Authority();
        var expectedVersion = http.Request.ExpectedVersion();
        var childStreamId = MissingChildStream.IdOf(childId);
        var command = EpisodeStream.Events.Command(EpisodeStream.IdOf(episodeId), eventId, (episode, read, ids) =>
        {
            var childStream = read[childStreamId];
            var child = MissingChildStream.Events.Fold(childStream);
            return Decision(decide(child, episode), episode, child, childId, Versions.Of(childStream), ids, forces);
        }) with
        {
            // Read before the episode: a concurrent post of the same report then shows its eventId in the episode
            // (a replay) whenever the child read shows its report (else this one would be refused as already open).
            ReadFirst = [childStreamId],
            Personal = new PersonalData(http.RequestServices.GetRequiredService<ChildDataKeys>(), childId),
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StreamCommands.RunWithStateAsync(store, authority, context, expectedVersion, command, http.RequestAborted,
                    attempt == 1 ? episodeRead : null);
            }
            catch (ConcurrencyException conflict) when (conflict.StreamId == childStreamId && attempt < AttemptsOnChildConflict)
            {
                // Another write to the child (a care message, or another episode of the child) landed between our
                // read and our append: read both again and decide on what is now known.
            }
        }
    }

    /// <summary>All an episode command decided: the episode's events; the child's events, appended at the version
    /// read (<paramref name="childVersion"/>) with ids derived from the first episode event's ("missing-child-{i}");
    /// and each alert of the episode's events with its disclosure line.</summary>
    /// <param name="before">The episode before the command (null before its report).</param>
    /// <param name="child">The child as read, before the command.</param>
    public static Decision<EpisodeEvent> Decision(EpisodeDecision decided, Episode? before, MissingChild child, string childId,
        long childVersion, EventIds ids, PoliceForces forces)
    {
        var decision = new Decision<EpisodeEvent>(decided.EpisodeEvents);
        if (decided.ChildEvents.Count > 0)
            decision = decision with
            {
                Appends =
                [
                    new(MissingChildStream.Events.Type, MissingChildStream.IdOf(childId), childVersion, [.. decided.ChildEvents
                        .Select((e, i) => new PendingEvent(e, ids.Derive($"missing-child-{i}"), MissingChildStream.EffectiveDate(e)))]),
                ],
            };
        var alerts = Alerts(before, ids.Recorded(decided.EpisodeEvents), decided.ChildEvents.Aggregate(child, MissingChild.Evolve), forces);
        return decision.WithAlerts(childId, [.. alerts]);
    }

    private static IEnumerable<OutboxMessage> Alerts(Episode? before, IReadOnlyList<Recorded<EpisodeEvent>> events, MissingChild childAfter, PoliceForces forces)
    {
        var episode = before;
        foreach (var (id, @event) in events)
        {
            episode = Episode.Evolve(episode, @event);
            foreach (var message in PoliceAlerts.OutboxFor(id, @event, episode, childAfter, forces))
                yield return message;
        }
    }
}
