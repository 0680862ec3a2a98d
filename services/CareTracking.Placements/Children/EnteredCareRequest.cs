using CareTracking.Placements.Children.EnteringCare;

namespace CareTracking.Placements.Children;

// Request bodies: the command's fields plus an optional eventId for safe retry.
// Optional fields have defaults: with RespectRequiredConstructorParameters a parameter without one is required,
// and a nullable one then had to be sent as null rather than left out (issue 13).
/// <param name="Ceased">For a past period recorded whole (e.g. back-filled before a later period): its end.</param>
public sealed record EnteredCareRequest(DateOnly Date, string LegalStatus, string CategoryOfNeed, Placement Placement,
    ChildDetails Child, string? HomePostcode = null, PeriodEnd? Ceased = null, Guid? EventId = null, PreviousPermanence? PreviousPermanence = null);
