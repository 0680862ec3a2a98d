using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Privacy;

namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>
/// Runs an episode command over both of its streams: the episode's (read, decided and appended by
/// <see cref="StreamCommands.RunAsync"/> with If-Match, eventId idempotency and ETag) and the child's (read
/// first, because decisions and alerts need the child's care and episodes; its events are staged in the same
/// transaction with the version read). The alerts go into the outbox in that transaction too, each logged as a
/// disclosure (<see cref="PoliceDisclosureLog"/>).
/// </summary>
public static class EpisodeCommands
{
    private const int AttemptsOnChildConflict = 5;

    public static async Task<CommandAnswer> RunAsync(HttpContext http, DocumentStore store, PoliceForces forces,
        Guid episodeId, string childId, Guid? eventId, Func<MissingChild, Episode?, EpisodeDecision> decide)
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
            var childStream = await store.LightweightSession(authority).Events.FetchStreamAsync(Streams.Child(childId), http.RequestAborted);
            var child = Streams.FoldChild(childStream);
            EpisodeDecision? decision = null;
            var command = new StreamCommand<Episode?>(
                Streams.EpisodeType, Streams.Episode(episodeId), eventId,
                Fold: Streams.FoldEpisode,
                Decide: episode => (decision = decide(child, episode)).EpisodeEvents,
                EffectiveDate: Streams.EffectiveDate,
                Personal: new PersonalData(http.RequestServices.GetRequiredService<ChildDataKeys>(), childId),
                AlsoStage: (session, before, events) =>
                {
                    StageChildEvents(session, childId, Streams.VersionOf(childStream), decision!, events[0].Id);
                    // Each alert with its line in the disclosure log, in this transaction.
                    foreach (var alert in Alerts(before, events, decision!, child, forces))
                        PoliceDisclosureLog.Publish(session, childId, alert);
                    return Task.CompletedTask;
                });
            try
            {
                return await StreamCommands.RunAsync(store, authority, context, expectedVersion, command, http.RequestAborted);
            }
            catch (ConcurrencyException conflict) when (conflict.StreamId == Streams.Child(childId) && attempt < AttemptsOnChildConflict)
            {
                // Another write to the child (a care message, or another episode of the child) landed between our
                // read and our append: read the child again and decide on what is now known.
            }
        }
    }

    private static void StageChildEvents(EventSession session, string childId, long childVersion, EpisodeDecision decision, Guid episodeEventId)
    {
        if (decision.ChildEvents.Count == 0) return;
        session.Events.Append(Streams.ChildType, Streams.Child(childId), childVersion, decision.ChildEvents
            .Select((e, i) => new PendingEvent(e, MessageIds.Derive(episodeEventId, $"missing-child-{i}"), Streams.EffectiveDate(e)))
            .ToArray());
    }

    private static IEnumerable<OutboxMessage> Alerts(Episode? before, IReadOnlyList<(Guid Id, object Data)> events,
        EpisodeDecision decision, MissingChild child, PoliceForces forces)
    {
        var childAfter = decision.ChildEvents.Aggregate(child, MissingChild.Evolve);
        var episode = before;
        foreach (var (id, data) in events)
        {
            var @event = (EpisodeEvent)data;
            episode = Episode.Evolve(episode, @event);
            foreach (var message in Streams.AlertsFor(id, @event, episode, childAfter, forces))
                yield return message;
        }
    }
}
