using CareTracking.Ssda903.Permanence;

namespace CareTracking.Placements.Children.Adoption;

/// <summary>The child's 903 PlacedAdoption, AD1 and SWEpisodes rows and PrevPerm of each period of care.</summary>
public sealed record PermanenceView(
    IReadOnlyList<PlacedAdoptionRow> PlacedAdoption,
    IReadOnlyList<AdoptionMatchRow> Matches,
    IReadOnlyList<SocialWorkerEpisodeRow> SocialWorkers,
    IReadOnlyList<PreviousPermanenceRow> PreviousPermanence);
