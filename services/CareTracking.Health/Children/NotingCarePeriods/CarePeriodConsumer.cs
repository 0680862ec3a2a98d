using CareTracking.Contracts.Placements;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Messaging;

namespace CareTracking.Health.Children.NotingCarePeriods;

/// <summary>Notes Placements' care-period messages in the child's Health stream, each once and in Placements'
/// order whatever order they arrive in (<see cref="CarePeriodMessagesConsumer{TState, TEvent}"/>, <see cref="CarePeriods"/>).</summary>
public sealed class CarePeriodConsumer(DocumentStore store, TimeProvider clock)
    : CarePeriodMessagesConsumer<HealthChild, HealthEvent>(store, clock, ChildStreams.Stream, Name)
{
    public const string Name = "health.care-periods";

    protected override IReadOnlyList<HealthEvent> Started(CarePeriodStarted message, HealthChild state, DateTimeOffset now) =>
        NoteCarePeriodStart.Decide(NoteCarePeriodStart.From(message), state, now);

    protected override IReadOnlyList<HealthEvent> Ended(CarePeriodEnded message, HealthChild state, DateTimeOffset now) =>
        NoteCarePeriodEnd.Decide(NoteCarePeriodEnd.From(message), state, now);

    protected override IReadOnlyList<HealthEvent> Reopened(CarePeriodReopened message, HealthChild state, DateTimeOffset now) =>
        NoteCarePeriodReopen.Decide(NoteCarePeriodReopen.From(message), state, now);

    protected override IReadOnlyList<HealthEvent> Withdrawn(CarePeriodWithdrawn message, HealthChild state, DateTimeOffset now) =>
        NoteCarePeriodWithdrawal.Decide(NoteCarePeriodWithdrawal.From(message), state, now);
}
