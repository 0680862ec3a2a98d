using CareTracking.Contracts.Placements;

namespace CareTracking.Reviews.Children.NotingCarePeriods;

/// <summary>Record into the child's stream that Placements announced the start of a period of care. Placement
/// moves within a period (<see cref="PlacementChanged"/>) are not recorded: they do not touch the review clock.</summary>
public sealed record NoteCarePeriodStart(DateOnly StartDate, string LegalStatus, DateOnly DateOfBirth, Guid SourceEventId)
{
    public static NoteCarePeriodStart From(CarePeriodStarted message) =>
        new(message.StartDate, message.LegalStatus, message.DateOfBirth, message.SourceEventId);

    /// <summary>A message already noted (redelivery) or one that repeats what is known gives no events.</summary>
    public static IReadOnlyList<ChildEvent> Decide(NoteCarePeriodStart command, Child state, DateTimeOffset now)
    {
        if (state.NotedMessages.Contains(command.SourceEventId)) return [];
        var known = state.Periods.Find(p => p.Start == command.StartDate);
        if (known is not null && known.LegalStatus == command.LegalStatus && state.DateOfBirth == command.DateOfBirth) return [];
        return [new CarePeriodNoted(command.StartDate, command.LegalStatus, command.DateOfBirth, command.SourceEventId)];
    }
}
