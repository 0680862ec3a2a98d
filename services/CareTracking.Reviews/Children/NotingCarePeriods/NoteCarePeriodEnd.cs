using CareTracking.Contracts.Placements;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Reviews.Children.NotingCarePeriods;

/// <summary>Record into the child's stream that Placements announced the end of a period of care. An end that
/// arrives before its start is kept: the period is completed when the start arrives. Like a start, every message
/// not noted before is noted, even one that repeats a known end (an end, its retraction and the same end posted
/// again are three messages whose meaning depends on their order).</summary>
public sealed record NoteCarePeriodEnd(DateOnly StartDate, DateOnly EndDate, string ReasonEnded, Guid SourceEventId, long? SourceVersion = null)
{
    public static NoteCarePeriodEnd From(CarePeriodEnded message) =>
        new(message.StartDate, message.EndDate, message.ReasonEnded, message.SourceEventId, message.SourceVersion);

    public static IReadOnlyList<ChildEvent> Decide(NoteCarePeriodEnd command, Child state, DateTimeOffset now)
    {
        if (state.NotedMessages.Contains(command.SourceEventId)) return [];
        if (command.EndDate < command.StartDate)
            throw new RuleViolation("endDate", "care-period.ends-before-start", "A period of care cannot end before it starts.");
        return [new CarePeriodEndNoted(command.StartDate, command.EndDate, command.ReasonEnded, command.SourceEventId, command.SourceVersion)];
    }
}
