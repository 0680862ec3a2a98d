using CareTracking.Indicators.Measures;

namespace CareTracking.Indicators.Committee;

/// <summary>A committee report as served: the figures, the definition of each, the switches in force and
/// the national and comparator figures for the collection year.</summary>
public sealed record CommitteeResponse(
    DateOnly AsAt,
    DateOnly From,
    DateOnly To,
    DateTimeOffset? KnownAt,
    IReadOnlyDictionary<string, Measure> Measures,
    IReadOnlyDictionary<string, string> Definitions,
    IReadOnlyList<string> Switches,
    IReadOnlyDictionary<string, Benchmark> Benchmarks);
