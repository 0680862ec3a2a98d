using CareTracking.Contracts.Placements;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Messaging;

namespace CareTracking.LeavingCare.CareLeavers.NotingCarePeriods;

/// <summary>Notes Placements' care-period messages (with the date of birth and the reason each period ended) in
/// the young person's Leaving-care stream, each once and in Placements' order whatever order they arrive in
/// (<see cref="CarePeriodMessagesConsumer{TState, TEvent}"/>, <see cref="CarePeriods"/>).</summary>
public sealed class CarePeriodConsumer(DocumentStore store, TimeProvider clock)
    : CarePeriodMessagesConsumer<CareLeaver, CareLeaverEvent>(store, clock, CareLeaverStreams.Stream, Name)
{
    public const string Name = "leavingcare.care-periods";

    protected override IReadOnlyList<CareLeaverEvent> Started(CarePeriodStarted message, CareLeaver state, DateTimeOffset now) =>
        NoteCarePeriodStart.Decide(NoteCarePeriodStart.From(message), state, now);

    protected override IReadOnlyList<CareLeaverEvent> Ended(CarePeriodEnded message, CareLeaver state, DateTimeOffset now) =>
        NoteCarePeriodEnd.Decide(NoteCarePeriodEnd.From(message), state, now);

    protected override IReadOnlyList<CareLeaverEvent> Reopened(CarePeriodReopened message, CareLeaver state, DateTimeOffset now) =>
        NoteCarePeriodReopen.Decide(NoteCarePeriodReopen.From(message), state, now);

    protected override IReadOnlyList<CareLeaverEvent> Withdrawn(CarePeriodWithdrawn message, CareLeaver state, DateTimeOffset now) =>
        NoteCarePeriodWithdrawal.Decide(NoteCarePeriodWithdrawal.From(message), state, now);
}
