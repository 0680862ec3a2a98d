namespace CareTracking.Placements.Children;

public sealed record RetractionRequest(Guid RetractedEventId, string Reason, Guid? EventId = null);
