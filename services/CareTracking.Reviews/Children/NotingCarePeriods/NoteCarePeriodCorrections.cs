using CareTracking.Contracts.Placements;

namespace CareTracking.Reviews.Children.NotingCarePeriods;

/// <summary>
/// Record into the child's stream that Placements retracted the ending of a period of care: the period is open
/// again and its review clock runs on. A reopening that arrives before the end it retracts is noted all the same;
/// by its Placements version it is applied after that end once the end arrives (see <see cref="CarePeriods"/>).
/// </summary>
public sealed record NoteCarePeriodReopen(DateOnly StartDate, DateOnly RetractedEndDate, string LegalStatus, Guid SourceEventId, long? SourceVersion = null)
{
    public static NoteCarePeriodReopen From(CarePeriodReopened message) =>
        new(message.StartDate, message.RetractedEndDate, message.LegalStatus, message.SourceEventId, message.SourceVersion);

    public static IReadOnlyList<ChildEvent> Decide(NoteCarePeriodReopen command, Child state, DateTimeOffset now) =>
        state.NotedMessages.Contains(command.SourceEventId)
            ? []
            : [new CarePeriodReopenNoted(command.StartDate, command.RetractedEndDate, command.LegalStatus, command.SourceEventId, command.SourceVersion)];
}

/// <summary>Record into the child's stream that Placements retracted an entry into care: the period it started
/// never happened. Reviews within it stay recorded and show as outside a period of care (or awaiting one), so the
/// IRO service sees them and can cancel or correct them. A withdrawal that arrives before the start it withdraws
/// is applied after that start once it arrives.</summary>
public sealed record NoteCarePeriodWithdrawal(DateOnly StartDate, Guid SourceEventId, long? SourceVersion = null)
{
    public static NoteCarePeriodWithdrawal From(CarePeriodWithdrawn message) => new(message.StartDate, message.SourceEventId, message.SourceVersion);

    public static IReadOnlyList<ChildEvent> Decide(NoteCarePeriodWithdrawal command, Child state, DateTimeOffset now) =>
        state.NotedMessages.Contains(command.SourceEventId)
            ? []
            : [new CarePeriodWithdrawalNoted(command.StartDate, command.SourceEventId, command.SourceVersion)];
}
