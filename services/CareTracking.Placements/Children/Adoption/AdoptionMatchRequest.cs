using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Permanence;

namespace CareTracking.Placements.Children.Adoption;

public sealed record AdoptionMatchRequest(DateOnly Date, int NumberOfAdopters, string AdopterSex, string AdopterLegalStatus,
    bool FormerFosterCarers, Guid? EventId = null);
