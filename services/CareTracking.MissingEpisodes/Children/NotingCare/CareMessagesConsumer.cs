using CareTracking.Contracts.Placements;
using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Http;
using MassTransit;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>
/// Learns who is in care from Placements' integration messages, each applied once to the child's stream (the
/// inbox mark commits with it). What the message does to the child's episodes goes in the same transaction:
/// reports awaiting care are confirmed (<see cref="EpisodeCareConfirmed"/>, with their police alerts in the
/// outbox), episodes still open when care ended are closed (<see cref="EpisodeClosedAtEndOfCare"/>, no
/// alert), and closures whose end of care was retracted are undone (<see cref="EpisodeReopened"/>, no alert).
/// </summary>
public sealed class CareMessagesConsumer(DocumentStore store, PoliceForces forces, TimeProvider clock) :
    IConsumer<CarePeriodStarted>,
    IConsumer<CarePeriodEnded>,
    IConsumer<PlacementChanged>,
    IConsumer<CarePeriodReopened>,
    IConsumer<CarePeriodWithdrawn>
{
    public const string Name = "missing-episodes.care-messages";

    public Task Consume(ConsumeContext<CarePeriodStarted> context) => Note(context, context.Message.Authority, context.Message.ChildId,
        child => NoteCarePeriodStarted.Decide(new(context.Message), child, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<CarePeriodEnded> context) => Note(context, context.Message.Authority, context.Message.ChildId,
        child => NoteCarePeriodEnded.Decide(new(context.Message), child, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<PlacementChanged> context) => Note(context, context.Message.Authority, context.Message.ChildId,
        child => NotePlacementChanged.Decide(new(context.Message), child, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<CarePeriodReopened> context) => Note(context, context.Message.Authority, context.Message.ChildId,
        child => NoteCarePeriodReopened.Decide(new(context.Message), child, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<CarePeriodWithdrawn> context) => Note(context, context.Message.Authority, context.Message.ChildId,
        child => NoteCarePeriodWithdrawn.Decide(new(context.Message), child, clock.GetUtcNow()));

    private Task Note(ConsumeContext context, string authority, string childId, Func<MissingChild, CareDecision> decide)
    {
        var command = MissingChildStream.Events.Command(MissingChildStream.IdOf(childId), null, child => Decision(decide(child), child));
        var messageId = context.MessageId ?? throw new InvalidOperationException("A Placements message arrived without a MessageId.");
        return StreamCommands.ConsumeOnceAsync(store, Name, messageId, authority, command, context.CancellationToken);
    }

    /// <summary>The child's events, and with them in the same transaction the episodes' events (each episode read
    /// once, appended at the version read, ids derived from the first child event's) and their alerts.</summary>
    private Decision<MissingChildEvent> Decision(CareDecision decided, MissingChild before) =>
        new(decided.ChildEvents, (session, events, ct) => AppendEpisodeEvents(session, before, events, decided.EpisodeEvents, ct));

    private async Task AppendEpisodeEvents(EventSession session, MissingChild before, IReadOnlyList<Recorded<MissingChildEvent>> events,
        IReadOnlyList<EpisodeEvent> episodeEvents, CancellationToken ct)
    {
        var childAfter = events.Aggregate(before, (child, e) => MissingChild.Evolve(child, e.Data));
        foreach (var stream in episodeEvents.GroupBy(e => e.EpisodeId))
        {
            var stored = await session.Events.FetchStreamAsync(EpisodeStream.IdOf(stream.Key), ct);
            var episode = EpisodeStream.Events.Fold(stored);
            var pending = new List<PendingEvent>();
            foreach (var @event in stream)
            {
                var id = MessageIds.Derive(events[0].Id, $"{IdPrefix(@event)}/{stream.Key}");
                episode = Episode.Evolve(episode, @event);
                pending.Add(new PendingEvent(@event, id, EpisodeStream.EffectiveDate(@event)));
                foreach (var alert in PoliceAlerts.OutboxFor(id, @event, episode, childAfter, forces))
                    PoliceDisclosureLog.Publish(session, episode!.ChildId, alert);
            }
            session.Events.Append(EpisodeStream.Events.Type, EpisodeStream.IdOf(stream.Key), Versions.Of(stored), [.. pending]);
        }
    }

    /// <summary>What the episode event's id derives from, with the child event's id: "care-confirmed" keeps the
    /// ids of confirmations stored before closures existed.</summary>
    private static string IdPrefix(EpisodeEvent @event) => @event switch
    {
        EpisodeCareConfirmed => "care-confirmed",
        EpisodeClosedAtEndOfCare => "closed-at-end-of-care",
        EpisodeReopened => "reopened",
        _ => throw new InvalidOperationException($"A care message does not decide {@event.GetType().Name}."),
    };
}
