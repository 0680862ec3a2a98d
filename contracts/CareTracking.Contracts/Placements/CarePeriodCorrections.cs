namespace CareTracking.Contracts.Placements;

// Corrections to care periods already announced. The Placements service lets a case system retract a
// mistaken event; when the retracted event had started or ended a period of care, consumers that keep
// their own view of who is in care need to undo what they learnt from it. Keyed, like the messages they
// correct, by (Authority, ChildId, StartDate). A correction's SourceEventId is the retraction's event id and its
// SourceVersion the retraction's version in the child's Placements stream, so it sorts after the message it
// corrects (see CarePeriodMessages.cs).

/// <summary>
/// A period of care announced as ended is open again: the ending was retracted. The legal status and
/// placement are those in force at the end of the period as it now stands.
/// </summary>
public sealed record CarePeriodReopened(
    string Authority,
    string ChildId,
    DateOnly StartDate,
    DateOnly RetractedEndDate,
    string LegalStatus,
    string PlacementType,
    string? PlacementArea,
    Guid SourceEventId,
    long? SourceVersion = null);

/// <summary>A period of care announced as started never happened: the entry into care was retracted.</summary>
public sealed record CarePeriodWithdrawn(
    string Authority,
    string ChildId,
    DateOnly StartDate,
    Guid SourceEventId,
    long? SourceVersion = null);
