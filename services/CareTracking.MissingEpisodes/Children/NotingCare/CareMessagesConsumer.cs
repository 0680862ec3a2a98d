using CareTracking.Contracts.Placements;
using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Http;
using MassTransit;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>
/// Learns who is in care from Placements' integration messages, each applied once to the child's stream (the
/// inbox mark commits with it). The episodes the message may change are read before deciding, and what it does
/// to them is part of the decision, committed in the same transaction:
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
        var command = MissingChildStream.Events.Command(MissingChildStream.IdOf(childId), null,
            (child, read, ids) => Decision(decide(child), child, read, ids, forces)) with
        {
            AlsoRead = child => child.EpisodesACareMessageMayChange.Select(EpisodeStream.IdOf),
        };
        var messageId = context.MessageId ?? throw new InvalidOperationException("A Placements message arrived without a MessageId.");
        return StreamCommands.ConsumeOnceAsync(store, Name, messageId, authority, command, context.CancellationToken);
    }

    /// <summary>All noting a care message decided: the child's events; each episode's events, appended at the
    /// version read (<paramref name="episodes"/>, read before deciding) with ids derived from the first child
    /// event's ("{prefix}/{episodeId}"); and the alerts of the episodes' events with their disclosure lines.</summary>
    /// <param name="before">The child as read, before the message.</param>
    public static Decision<MissingChildEvent> Decision(CareDecision decided, MissingChild before, ReadStreams episodes, EventIds ids,
        PoliceForces forces)
    {
        var childAfter = decided.ChildEvents.Aggregate(before, MissingChild.Evolve);
        var decision = new Decision<MissingChildEvent>(decided.ChildEvents);
        foreach (var stream in decided.EpisodeEvents.GroupBy(e => e.EpisodeId))
        {
            var stored = episodes[EpisodeStream.IdOf(stream.Key)];
            var episode = EpisodeStream.Events.Fold(stored);
            var pending = new List<PendingEvent>();
            var alerts = new List<OutboxMessage>();
            foreach (var @event in stream)
            {
                var id = ids.Derive($"{IdPrefix(@event)}/{stream.Key}");
                episode = Episode.Evolve(episode, @event);
                pending.Add(new PendingEvent(@event, id, EpisodeStream.EffectiveDate(@event)));
                alerts.AddRange(PoliceAlerts.OutboxFor(id, @event, episode, childAfter, forces));
            }
            decision = (decision with
            {
                Appends = [.. decision.Appends, new(EpisodeStream.Events.Type, EpisodeStream.IdOf(stream.Key), Versions.Of(stored), pending)],
            }).WithAlerts(episode!.ChildId, alerts);
        }
        return decision;
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
