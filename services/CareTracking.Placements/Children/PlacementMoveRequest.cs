using CareTracking.EventStore;
using CareTracking.Placements.Children.CeasingCare;
using CareTracking.Placements.Children.ChangingLegalStatus;
using CareTracking.Placements.Children.ChangingUascStatus;
using CareTracking.Placements.Children.Correcting;
using CareTracking.Placements.Children.EnteringCare;
using CareTracking.Placements.Children.Episodes;
using CareTracking.Placements.Children.MovingPlacement;
using CareTracking.Placements.Children.Publishing;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Messaging;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Placements.Children;

public sealed record PlacementMoveRequest(DateOnly Date, Placement Placement, bool SameCarer, string? Reason = null,
    string? LegalStatus = null, Guid? EventId = null);
