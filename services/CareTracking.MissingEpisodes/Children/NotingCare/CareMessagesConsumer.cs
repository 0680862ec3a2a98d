using CareTracking.Contracts.Placements;
using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Http;
using MassTransit;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>
/// Learns who is in care from Placements' integration messages, each applied once to the child's stream (the
/// inbox mark commits with it). When a message confirms reports that were awaiting care, the same transaction
/// appends <see cref="EpisodeCareConfirmed"/> to each of those episodes and puts their police alerts in the
/// outbox.
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
            AlsoStage: (session, before, events) => ConfirmHeldReports(session, before, events, decision!, context.CancellationToken));
        var messageId = context.MessageId ?? throw new InvalidOperationException("A Placements message arrived without a MessageId.");
        return StreamCommands.ConsumeOnceAsync(store, Name, messageId, authority, command, context.CancellationToken);
    }

    private async Task ConfirmHeldReports(EventSession session, MissingChild before, IReadOnlyList<(Guid Id, object Data)> events,
        CareDecision decision, CancellationToken ct)
    {
        var childAfter = events.Aggregate(before, (child, e) => MissingChild.Evolve(child, (MissingChildEvent)e.Data));
        foreach (var confirmed in decision.ConfirmedEpisodes)
        {
            var stored = await session.Events.FetchStreamAsync(Streams.Episode(confirmed.EpisodeId), ct);
            var episode = Episode.Evolve(Streams.FoldEpisode(stored), confirmed);
            var id = MessageIds.Derive(events[0].Id, $"care-confirmed/{confirmed.EpisodeId}");
            session.Events.Append(Streams.EpisodeType, Streams.Episode(confirmed.EpisodeId), Streams.VersionOf(stored),
                new PendingEvent(confirmed, id, Streams.EffectiveDate(confirmed)));
            foreach (var alert in Streams.AlertsFor(id, confirmed, episode, childAfter, forces))
                session.Publish(alert);
        }
    }
}
