using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.ClosingAtEndOfCare;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>Placements' CarePeriodWithdrawn arrived: an entry into care it announced was retracted; an episode
/// closed at that period's end is open again (<see cref="EpisodeReopened"/>, since
/// <see cref="EndOfCareInPlacementsOrder"/> no longer closes it there; see <see cref="CareDecision"/>).</summary>
public sealed record NoteCarePeriodWithdrawn(CarePeriodWithdrawn Message)
{
    public static CareDecision Decide(NoteCarePeriodWithdrawn command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodWithdrawalNoted(
            m.Authority, m.ChildId, m.StartDate, m.SourceEventId, m.SourceVersion));
    }
}
