using CareTracking.Contracts.Placements;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Http;
using MassTransit;

namespace CareTracking.ServiceDefaults.Messaging;

/// <summary>
/// Notes Placements' care-period messages in a child's stream of the consuming service, each message once (the
/// inbox mark commits with the events). One consumer, so one queue, but MassTransit consumes it concurrently and
/// retries a failed message later, so a child's messages can be applied in any order: each service's child state
/// puts them back in Placements' order by their SourceVersion. <see cref="PlacementChanged"/> is not consumed:
/// a placement move changes no health or leaving-care clock. A service derives its consumer (named for its queue)
/// and gives the pure noting deciders; the Health and Leaving-care services share this.
/// </summary>
/// <param name="inbox">The consumer's name in the inbox, e.g. health.care-periods.</param>
public abstract class CarePeriodMessagesConsumer<TState, TEvent>(DocumentStore store, TimeProvider clock, ChildStream<TState, TEvent> stream, string inbox) :
    IConsumer<CarePeriodStarted>, IConsumer<CarePeriodEnded>, IConsumer<CarePeriodReopened>, IConsumer<CarePeriodWithdrawn>
    where TEvent : class
{
    protected abstract IReadOnlyList<TEvent> Started(CarePeriodStarted message, TState state, DateTimeOffset now);
    protected abstract IReadOnlyList<TEvent> Ended(CarePeriodEnded message, TState state, DateTimeOffset now);
    protected abstract IReadOnlyList<TEvent> Reopened(CarePeriodReopened message, TState state, DateTimeOffset now);
    protected abstract IReadOnlyList<TEvent> Withdrawn(CarePeriodWithdrawn message, TState state, DateTimeOffset now);

    public Task Consume(ConsumeContext<CarePeriodStarted> context) =>
        Note(context, context.Message.Authority, context.Message.ChildId, state => Started(context.Message, state, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<CarePeriodEnded> context) =>
        Note(context, context.Message.Authority, context.Message.ChildId, state => Ended(context.Message, state, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<CarePeriodReopened> context) =>
        Note(context, context.Message.Authority, context.Message.ChildId, state => Reopened(context.Message, state, clock.GetUtcNow()));

    public Task Consume(ConsumeContext<CarePeriodWithdrawn> context) =>
        Note(context, context.Message.Authority, context.Message.ChildId, state => Withdrawn(context.Message, state, clock.GetUtcNow()));

    private Task Note(ConsumeContext context, string authority, string childId, Func<TState, IReadOnlyList<TEvent>> decide)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A care-period message arrived without a MessageId; the outbox always sets one.");
        ChildIds.Validate(childId);
        return StreamCommands.ConsumeOnceAsync(store, inbox, messageId, authority, stream.Command(childId, null, decide), context.CancellationToken);
    }
}
