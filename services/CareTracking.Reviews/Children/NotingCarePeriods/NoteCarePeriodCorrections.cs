using CareTracking.Contracts.Placements;

namespace CareTracking.Reviews.Children.NotingCarePeriods;

/// <summary>
/// Record into the child's stream that Placements retracted the ending of a period of care: the period is open
/// again and its review clock runs on. Corrections are applied in the order they arrive; the Placements outbox
/// sends them in the order they were made, and a correction made days after the message it corrects is not
/// overtaken by it.
/// </summary>
public sealed record NoteCarePeriodReopen(DateOnly StartDate, DateOnly RetractedEndDate, string LegalStatus, Guid SourceEventId)
{
    public static NoteCarePeriodReopen From(CarePeriodReopened message) =>
        new(message.StartDate, message.RetractedEndDate, message.LegalStatus, message.SourceEventId);

    public static IReadOnlyList<ChildEvent> Decide(NoteCarePeriodReopen command, Child state, DateTimeOffset now) =>
        state.NotedMessages.Contains(command.SourceEventId)
            ? []
            : [new CarePeriodReopenNoted(command.StartDate, command.RetractedEndDate, command.LegalStatus, command.SourceEventId)];
}

/// <summary>Record into the child's stream that Placements retracted an entry into care: the period it started
/// never happened. Reviews within it stay recorded and show as outside a period of care (or awaiting one), so the
/// IRO service sees them and can cancel or correct them.</summary>
public sealed record NoteCarePeriodWithdrawal(DateOnly StartDate, Guid SourceEventId)
{
    public static NoteCarePeriodWithdrawal From(CarePeriodWithdrawn message) => new(message.StartDate, message.SourceEventId);

    public static IReadOnlyList<ChildEvent> Decide(NoteCarePeriodWithdrawal command, Child state, DateTimeOffset now) =>
        state.NotedMessages.Contains(command.SourceEventId)
            ? []
            : [new CarePeriodWithdrawalNoted(command.StartDate, command.SourceEventId)];
}
