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

// Request bodies: the command's fields plus an optional eventId for safe retry.
// Optional fields have defaults: with RespectRequiredConstructorParameters a parameter without one is required,
// and a nullable one then had to be sent as null rather than left out (issue 13).
/// <param name="Ceased">For a past period recorded whole (e.g. back-filled before a later period): its end.</param>
public sealed record EnteredCareRequest(DateOnly Date, string LegalStatus, string CategoryOfNeed, Placement Placement,
    ChildDetails Child, string? HomePostcode = null, PeriodEnd? Ceased = null, Guid? EventId = null, PreviousPermanence? PreviousPermanence = null);
