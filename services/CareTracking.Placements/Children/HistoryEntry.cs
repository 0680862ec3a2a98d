namespace CareTracking.Placements.Children;

public sealed record HistoryEntry(Guid EventId, string Type, DateOnly? Date, DateTimeOffset RecordedAt, bool Retracted);
