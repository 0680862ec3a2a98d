using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.ClosingAtEndOfCare;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>Placements' CarePeriodReopened arrived: an ending it announced was retracted, and an episode that
/// ending closed is open again (<see cref="EpisodeReopened"/>, since <see cref="EndOfCareInPlacementsOrder"/> no
/// longer closes it there; see <see cref="CareDecision"/>).</summary>
public sealed record NoteCarePeriodReopened(CarePeriodReopened Message)
{
    public static CareDecision Decide(NoteCarePeriodReopened command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodReopenNoted(
            m.Authority, m.ChildId, m.StartDate, m.SourceEventId, m.RetractedEndDate, m.SourceVersion));
    }
}
