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
        CareDecision? decision = null;
        var command = new StreamCommand<MissingChild>(
            Streams.ChildType, Streams.Child(childId), null,
            Fold: Streams.FoldChild,
            Decide: child => (decision = decide(child)).ChildEvents,
            EffectiveDate: Streams.EffectiveDate,
            AlsoStage: (session, before, events) => StageEpisodeEvents(session, before, events, decision!, context.CancellationToken));
        var messageId = context.MessageId ?? throw new InvalidOperationException("A Placements message arrived without a MessageId.");
        return StreamCommands.ConsumeOnceAsync(store, Name, messageId, authority, command, context.CancellationToken);
    }

    private async Task StageEpisodeEvents(EventSession session, MissingChild before, IReadOnlyList<(Guid Id, object Data)> events,
        CareDecision decision, CancellationToken ct)
    {
        var childAfter = events.Aggregate(before, (child, e) => MissingChild.Evolve(child, (MissingChildEvent)e.Data));
        foreach (var stream in decision.EpisodeEvents.GroupBy(e => e.EpisodeId))
        {
            var stored = await session.Events.FetchStreamAsync(Streams.Episode(stream.Key), ct);
            var episode = Streams.FoldEpisode(stored);
            var pending = new List<PendingEvent>();
            foreach (var @event in stream)
            {
                var id = MessageIds.Derive(events[0].Id, $"{IdPrefix(@event)}/{stream.Key}");
                episode = Episode.Evolve(episode, @event);
                pending.Add(new PendingEvent(@event, id, Streams.EffectiveDate(@event)));
                foreach (var alert in Streams.AlertsFor(id, @event, episode, childAfter, forces))
                    PoliceDisclosureLog.Publish(session, episode!.ChildId, alert);
            }
            session.Events.Append(Streams.EpisodeType, Streams.Episode(stream.Key), Streams.VersionOf(stored), [.. pending]);
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
