namespace CareTracking.Contracts.Placements;

// Integration messages the Placements service publishes through its outbox so that Missing episodes and
// Reviews can keep their own view of who is in care. Records of primitives, no behaviour.
// Authority is the LA code (e.g. "831"); ChildId is the case system's child reference (903 CHILD).
// PlacementArea is the postcode area of the placement (e.g. "DE"), never the full postcode.
// DateOfBirth is carried because review rules (PN0 under 4) and police alerts (age) need the age on a
// later date; consumers must not log it.
// SourceEventId is the id of the Placements event the message announces; SourceVersion is that event's version
// in the child's Placements stream (1 for the first), so a consumer that receives a child's messages out of
// order (concurrent consumers, redeliveries) can put them back in the order Placements published them. It was
// added after the first messages were sent: a message from an earlier Placements has none (null), and
// comes before every message that has one.

/// <summary>A period of care began (903 RNE = S).</summary>
public sealed record CarePeriodStarted(
    string Authority,
    string ChildId,
    DateOnly StartDate,
    string LegalStatus,
    string PlacementType,
    string? PlacementArea,
    string Sex,
    DateOnly DateOfBirth,
    Guid SourceEventId,
    long? SourceVersion = null);

/// <summary>A period of care ended (903 REC other than X1).</summary>
public sealed record CarePeriodEnded(
    string Authority,
    string ChildId,
    DateOnly StartDate,
    DateOnly EndDate,
    string ReasonEnded,
    Guid SourceEventId,
    long? SourceVersion = null);

/// <summary>The child's placement, legal status or both changed within a period of care.</summary>
public sealed record PlacementChanged(
    string Authority,
    string ChildId,
    DateOnly Date,
    string PlacementType,
    string? PlacementArea,
    string LegalStatus,
    Guid SourceEventId,
    long? SourceVersion = null);
