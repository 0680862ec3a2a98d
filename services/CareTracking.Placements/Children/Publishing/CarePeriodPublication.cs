using CareTracking.Contracts.Placements;
using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children.Publishing;

/// <summary>
/// What other services learn from an accepted event: care periods starting and ending, and placement or
/// legal status changes within them, each as in force on the event's effective date (a back-dated event
/// is announced with its own date; consumers place it by date).
/// A retraction announces the history as it stands without the retracted event:
/// an ending retracted re-opens the period (<see cref="CarePeriodReopened"/>); an entry retracted withdraws
/// the period (<see cref="CarePeriodWithdrawn"/>); a move or legal status change retracted is announced as
/// a <see cref="PlacementChanged"/> on the same date carrying what is in force on that date without it.
/// UASC changes publish nothing: the contracts carry no UASC status.
/// Every message carries the accepted event's id and its version in the child's stream
/// (<see cref="Child.Version"/> after it), by which consumers restore this order whatever order they receive in.
/// </summary>
public static class CarePeriodPublication
{
    /// <param name="stateAfter">The child's state with <paramref name="accepted"/> already folded in.</param>
    public static IReadOnlyList<object> MessagesFor(string authority, string childId, RecordedEvent accepted, Child stateAfter)
    {
        var version = stateAfter.Version;
        switch (accepted.Data)
        {
            case ChildEnteredCare entered:
                return [new CarePeriodStarted(
                    authority, childId, entered.Date, entered.LegalStatus, entered.Placement.Type,
                    PostcodeArea.Of(entered.Placement.Postcode), entered.Child.Sex, entered.Child.DateOfBirth, accepted.Id, version)];

            case LegalStatusChanged or PlacementMoved:
            {
                var after = SituationAfter(stateAfter, accepted.Id);
                return after is null ? [] : [Changed(authority, childId, accepted.Data.Date, after, accepted.Id, version)];
            }

            case ChildCeasedCare ceased:
            {
                var before = SituationBefore(stateAfter, accepted.Id);
                return before?.PeriodStart is not { } start
                    ? []
                    : [new CarePeriodEnded(authority, childId, start, ceased.Date, ceased.Reason, accepted.Id, version)];
            }

            case EventRetracted retracted:
                return Retraction(authority, childId, retracted, accepted.Id, version, stateAfter);

            default:
                return [];
        }
    }

    private static IReadOnlyList<object> Retraction(
        string authority, string childId, EventRetracted retracted, Guid sourceEventId, long version, Child stateAfter)
    {
        var target = stateAfter.Entries.FirstOrDefault(e => e.Id == retracted.RetractedEventId);
        switch (target?.Event)
        {
            case ChildEnteredCare entered:
                return [new CarePeriodWithdrawn(authority, childId, entered.Date, sourceEventId, version)];

            case ChildCeasedCare ceased:
            {
                var endOfPeriod = SituationOn(stateAfter, ceased.Date);
                return endOfPeriod is { InCare: true, PeriodStart: { } start }
                    ? [new CarePeriodReopened(
                        authority, childId, start, ceased.Date, endOfPeriod.LegalStatus!, endOfPeriod.Placement!.Type,
                        PostcodeArea.Of(endOfPeriod.Placement.Postcode), sourceEventId, version)]
                    : [];
            }

            case LegalStatusChanged or PlacementMoved:
            {
                var onThatDate = SituationOn(stateAfter, retracted.Date);
                return onThatDate is { InCare: true }
                    ? [Changed(authority, childId, retracted.Date, onThatDate, sourceEventId, version)]
                    : [];
            }

            default:
                return [];
        }
    }

    private static PlacementChanged Changed(
        string authority, string childId, DateOnly date, CareSituation situation, Guid sourceEventId, long version) =>
        new(authority, childId, date, situation.Placement!.Type, PostcodeArea.Of(situation.Placement.Postcode),
            situation.LegalStatus!, sourceEventId, version);

    private static CareSituation? SituationAfter(Child child, Guid eventId) =>
        CareSituation.Walk(child.Timeline).Where(step => step.Entry.Id == eventId).Select(step => step.After).FirstOrDefault();

    private static CareSituation? SituationBefore(Child child, Guid eventId) =>
        CareSituation.Walk(child.Timeline).Where(step => step.Entry.Id == eventId).Select(step => step.Before).FirstOrDefault();

    /// <summary>The situation at the end of a day: after every event effective on or before it.</summary>
    private static CareSituation SituationOn(Child child, DateOnly date) =>
        CareSituation.AtEnd(child.Timeline.Where(e => e.Event.Date <= date));
}
