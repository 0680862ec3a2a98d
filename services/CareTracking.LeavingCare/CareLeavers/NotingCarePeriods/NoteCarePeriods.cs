using CareTracking.Contracts.Placements;

namespace CareTracking.LeavingCare.CareLeavers.NotingCarePeriods;

// Placements' care-period messages, noted into the young person's Leaving-care stream. A message already noted (a
// redelivery) gives no events; any other is noted even when it repeats what is known, because what it means
// depends on where it stands in Placements' order (see CarePeriods).

public sealed record NoteCarePeriodStart(DateOnly StartDate, string LegalStatus, DateOnly DateOfBirth, Guid SourceEventId, long? SourceVersion = null)
{
    public static NoteCarePeriodStart From(CarePeriodStarted message) =>
        new(message.StartDate, message.LegalStatus, message.DateOfBirth, message.SourceEventId, message.SourceVersion);

    public static IReadOnlyList<CareLeaverEvent> Decide(NoteCarePeriodStart command, CareLeaver state, DateTimeOffset now) =>
        state.NotedMessages.Contains(command.SourceEventId)
            ? []
            : [new CarePeriodNoted(command.StartDate, command.LegalStatus, command.DateOfBirth, command.SourceEventId, command.SourceVersion)];
}

public sealed record NoteCarePeriodEnd(DateOnly StartDate, DateOnly EndDate, string ReasonEnded, Guid SourceEventId, long? SourceVersion = null)
{
    public static NoteCarePeriodEnd From(CarePeriodEnded message) =>
        new(message.StartDate, message.EndDate, message.ReasonEnded, message.SourceEventId, message.SourceVersion);

    public static IReadOnlyList<CareLeaverEvent> Decide(NoteCarePeriodEnd command, CareLeaver state, DateTimeOffset now) =>
        state.NotedMessages.Contains(command.SourceEventId)
            ? []
            : [new CarePeriodEndNoted(command.StartDate, command.EndDate, command.ReasonEnded, command.SourceEventId, command.SourceVersion)];
}

public sealed record NoteCarePeriodReopen(DateOnly StartDate, DateOnly RetractedEndDate, string LegalStatus, Guid SourceEventId, long? SourceVersion = null)
{
    public static NoteCarePeriodReopen From(CarePeriodReopened message) =>
        new(message.StartDate, message.RetractedEndDate, message.LegalStatus, message.SourceEventId, message.SourceVersion);

    public static IReadOnlyList<CareLeaverEvent> Decide(NoteCarePeriodReopen command, CareLeaver state, DateTimeOffset now) =>
        state.NotedMessages.Contains(command.SourceEventId)
            ? []
            : [new CarePeriodReopenNoted(command.StartDate, command.RetractedEndDate, command.LegalStatus, command.SourceEventId, command.SourceVersion)];
}

public sealed record NoteCarePeriodWithdrawal(DateOnly StartDate, Guid SourceEventId, long? SourceVersion = null)
{
    public static NoteCarePeriodWithdrawal From(CarePeriodWithdrawn message) => new(message.StartDate, message.SourceEventId, message.SourceVersion);

    public static IReadOnlyList<CareLeaverEvent> Decide(NoteCarePeriodWithdrawal command, CareLeaver state, DateTimeOffset now) =>
        state.NotedMessages.Contains(command.SourceEventId)
            ? []
            : [new CarePeriodWithdrawalNoted(command.StartDate, command.SourceEventId, command.SourceVersion)];
}
