namespace CareTracking.MissingEpisodes.Children;

/// <summary>The placement's postcode area from a date on (null when Placements did not give one).</summary>
public sealed record PlacementFrom(DateOnly Date, string? Area);
