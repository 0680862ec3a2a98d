namespace CareTracking.Placements.Children.Adoption;

public sealed record AdoptionMatchRequest(DateOnly Date, int NumberOfAdopters, string AdopterSex, string AdopterLegalStatus,
    bool FormerFosterCarers, Guid? EventId = null);
