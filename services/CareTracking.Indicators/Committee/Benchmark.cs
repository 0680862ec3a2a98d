namespace CareTracking.Indicators.Committee;

public sealed record Benchmark(decimal? National, decimal? Comparator, string? Source);
