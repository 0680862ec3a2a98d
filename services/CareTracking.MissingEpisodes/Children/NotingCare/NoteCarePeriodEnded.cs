using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Episodes.ClosingAtEndOfCare;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>Placements' CarePeriodEnded arrived for this child: an episode still open in the period is closed
/// as at its end (<see cref="EndOfCareInPlacementsOrder"/>, through <see cref="CareDecision"/>).</summary>
public sealed record NoteCarePeriodEnded(CarePeriodEnded Message)
{
    public static CareDecision Decide(NoteCarePeriodEnded command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodEndNoted(
            m.Authority, m.ChildId, m.StartDate, m.EndDate, m.SourceEventId, m.ReasonEnded, m.SourceVersion));
    }
}
