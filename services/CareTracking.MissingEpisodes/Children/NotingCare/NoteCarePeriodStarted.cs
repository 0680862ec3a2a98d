using CareTracking.Contracts.Placements;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>Placements' CarePeriodStarted arrived for this child.</summary>
public sealed record NoteCarePeriodStarted(CarePeriodStarted Message)
{
    public static CareDecision Decide(NoteCarePeriodStarted command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodNoted(
            m.Authority, m.ChildId, m.StartDate, m.PlacementArea, m.Sex, m.DateOfBirth, m.SourceEventId, m.SourceVersion));
    }
}
