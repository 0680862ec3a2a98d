using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Permanence;

namespace CareTracking.Placements.Children.Adoption;

// Request bodies: the command's fields plus an optional eventId for safe retry.
public sealed record AdoptionDecisionRequest(DateOnly Date, Guid? EventId = null);
