using CareTracking.Contracts.Placements;

namespace CareTracking.Reviews.Children.NotingCarePeriods;

/// <summary>Record into the child's stream that Placements announced the start of a period of care. Placement
/// moves within a period (<see cref="PlacementChanged"/>) are not recorded: they do not touch the review clock.</summary>
public sealed record NoteCarePeriodStart(DateOnly StartDate, string LegalStatus, DateOnly DateOfBirth, Guid SourceEventId, long? SourceVersion = null)
{
    public static NoteCarePeriodStart From(CarePeriodStarted message) =>
        new(message.StartDate, message.LegalStatus, message.DateOfBirth, message.SourceEventId, message.SourceVersion);

    /// <summary>A message already noted (a redelivery) gives no events. Any other is noted even when it repeats
    /// what is known: what it means depends on where it stands in Placements' order (a start noted before a
    /// withdrawal that arrived first is withdrawn; one after it starts the period again).</summary>
    public static IReadOnlyList<ChildEvent> Decide(NoteCarePeriodStart command, Child state, DateTimeOffset now) =>
        state.NotedMessages.Contains(command.SourceEventId)
            ? []
            : [new CarePeriodNoted(command.StartDate, command.LegalStatus, command.DateOfBirth, command.SourceEventId, command.SourceVersion)];
}
