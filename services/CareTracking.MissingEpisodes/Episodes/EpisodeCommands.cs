using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Privacy;

namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>
/// Runs an episode command over both of its streams: the episode's (read, decided and appended by
/// <see cref="StreamCommands"/> with If-Match, eventId idempotency and ETag) and the child's (read first, because
/// decisions and alerts need the child's care and episodes; its events are appended in the same transaction with
/// the version read). The alerts go into the outbox in that transaction too, each logged as a disclosure
/// (<see cref="PoliceDisclosureLog"/>).
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
        for (var attempt = 1; ; attempt++)
        {
            var childStream = await store.LightweightSession(authority).Events.FetchStreamAsync(MissingChildStream.IdOf(childId), http.RequestAborted);
            var child = MissingChildStream.Events.Fold(childStream);
            var childVersion = Versions.Of(childStream);
            var command = EpisodeStream.Events.Command(EpisodeStream.IdOf(episodeId), eventId,
                episode => Decision(decide(child, episode), episode, child, childId, childVersion, forces)) with
            {
                Personal = new PersonalData(http.RequestServices.GetRequiredService<ChildDataKeys>(), childId),
            };
            try
            {
                return await StreamCommands.RunWithStateAsync(store, authority, context, expectedVersion, command, http.RequestAborted,
                    attempt == 1 ? episodeRead : null);
            }
            catch (ConcurrencyException conflict) when (conflict.StreamId == MissingChildStream.IdOf(childId) && attempt < AttemptsOnChildConflict)
            {
                // Another write to the child (a care message, or another episode of the child) landed between our
                // read and our append: read the child again and decide on what is now known.
            }
        }
    }

    /// <summary>The episode's events, and with them in the same transaction the child's events (appended at the
    /// version read, their ids derived from the first episode event's) and each alert with its disclosure line.</summary>
    private static Decision<EpisodeEvent> Decision(EpisodeDecision decided, Episode? before, MissingChild child, string childId,
        long childVersion, PoliceForces forces) =>
        new(decided.EpisodeEvents, (session, events, _) =>
        {
            if (decided.ChildEvents.Count > 0)
                session.Events.Append(MissingChildStream.Events.Type, MissingChildStream.IdOf(childId), childVersion, decided.ChildEvents
                    .Select((e, i) => new PendingEvent(e, MessageIds.Derive(events[0].Id, $"missing-child-{i}"), MissingChildStream.EffectiveDate(e)))
                    .ToArray());
            foreach (var alert in Alerts(before, events, decided.ChildEvents.Aggregate(child, MissingChild.Evolve), forces))
                PoliceDisclosureLog.Publish(session, childId, alert);
            return Task.CompletedTask;
        });

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
