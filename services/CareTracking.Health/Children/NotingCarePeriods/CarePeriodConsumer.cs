using CareTracking.Contracts.Placements;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Http;
using MassTransit;

namespace CareTracking.Health.Children.NotingCarePeriods;

/// <summary>
/// Notes Placements' care-period messages in the child's Health stream, each message once (the inbox mark
/// commits with the events). One consumer, so one queue, but MassTransit consumes it concurrently and retries a
/// failed message later, so a child's messages can be applied in any order: the child state puts them back in
/// Placements' order by their SourceVersion (<see cref="CarePeriods"/>). <see cref="PlacementChanged"/> is not
/// consumed: a placement move does not touch the health assessment clock.
/// </summary>
public sealed class CarePeriodConsumer(DocumentStore store, TimeProvider clock) :
    IConsumer<CarePeriodStarted>, IConsumer<CarePeriodEnded>, IConsumer<CarePeriodReopened>, IConsumer<CarePeriodWithdrawn>
{
    public const string Name = "health.care-periods";

    public Task Consume(ConsumeContext<CarePeriodStarted> context) =>
        Note(context, context.Message.Authority, context.Message.ChildId,
            state => NoteCarePeriodStart.Decide(NoteCarePeriodStart.From(context.Message), state, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<CarePeriodEnded> context) =>
        Note(context, context.Message.Authority, context.Message.ChildId,
            state => NoteCarePeriodEnd.Decide(NoteCarePeriodEnd.From(context.Message), state, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<CarePeriodReopened> context) =>
        Note(context, context.Message.Authority, context.Message.ChildId,
            state => NoteCarePeriodReopen.Decide(NoteCarePeriodReopen.From(context.Message), state, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<CarePeriodWithdrawn> context) =>
        Note(context, context.Message.Authority, context.Message.ChildId,
            state => NoteCarePeriodWithdrawal.Decide(NoteCarePeriodWithdrawal.From(context.Message), state, clock.GetUtcNow()));

    private Task Note(ConsumeContext context, string authority, string childId, Func<HealthChild, IReadOnlyList<HealthEvent>> decide)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A care-period message arrived without a MessageId; the outbox always sets one.");
        ChildIds.Validate(childId);
        return StreamCommands.ConsumeOnceAsync(store, Name, messageId, authority, ChildStreams.Command(childId, null, decide), context.CancellationToken);
    }
}
