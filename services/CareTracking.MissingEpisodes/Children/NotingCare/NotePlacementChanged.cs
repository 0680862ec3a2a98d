using CareTracking.Contracts.Placements;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>Placements' PlacementChanged arrived for this child.</summary>
public sealed record NotePlacementChanged(PlacementChanged Message)
{
    public static CareDecision Decide(NotePlacementChanged command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new PlacementNoted(
            m.Authority, m.ChildId, m.Date, m.PlacementArea, m.SourceEventId, m.SourceVersion));
    }
}
