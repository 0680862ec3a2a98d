using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Placements.Children.Correcting;

/// <summary>
/// A correction: the event with <see cref="EventId"/> was recorded by mistake and leaves the history; the
/// right event, if any, is posted after. The history without it must still hold together, so an event that
/// later events depend on (an entry into care followed by moves) is corrected by retracting the later
/// events first, latest first.
/// </summary>
public sealed record RetractEvent(Guid EventId, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(RetractEvent command, Child state, DateTimeOffset now)
    {
        if (state.Retracted.Contains(command.EventId)) return [];

        var target = state.Entries.FirstOrDefault(e => e.Id == command.EventId)
            ?? throw new RuleViolation("eventId", "retraction.unknown-event",
                "No event with this id is in the child's history.");
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw new RuleViolation("reason", "retraction.reason-required", "A retraction needs the reason the event was wrong.");

        var remaining = state.Timeline.Where(e => e.Id != command.EventId);
        CareRules.Validate(remaining, candidate: null, conflictField: "eventId");
        return [new EventRetracted(target.Event.Date, command.EventId, command.Reason)];
    }
}
