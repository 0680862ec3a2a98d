using CareTracking.EventStore;

namespace CareTracking.Indicators.Projections;

// The Indicators service reads other services' events from the global feed. These records are its own
// tolerant-reader view of them: the same stored names, only the fields the indicators need. An event
// version the service does not know yet is skipped by the projection's filter, not misread.

public sealed record PlacementView(string Type, string? Provider, string? Postcode, string? Urn);
public sealed record ChildView(string Sex, DateOnly DateOfBirth, string? Ethnicity, bool Uasc);

[EventType("placements.child-entered-care", 1)]
public sealed record ChildEnteredCare(DateOnly Date, string LegalStatus, string CategoryOfNeed, PlacementView Placement, string? HomePostcode, ChildView Child);

[EventType("placements.legal-status-changed", 1)]
public sealed record LegalStatusChanged(DateOnly Date, string LegalStatus);

[EventType("placements.placement-moved", 1)]
public sealed record PlacementMoved(DateOnly Date, PlacementView Placement, bool SameCarer, string? Reason, string? LegalStatus, string ReasonNewEpisode);

[EventType("placements.child-ceased-care", 1)]
public sealed record ChildCeasedCare(DateOnly Date, string Reason);

[EventType("placements.uasc-status-changed", 1)]
public sealed record UascStatusChanged(DateOnly Date, bool Uasc);

[EventType("placements.event-retracted", 1)]
public sealed record EventRetracted(DateOnly Date, Guid RetractedEventId, string Reason);
