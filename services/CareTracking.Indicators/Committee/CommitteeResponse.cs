using CareTracking.Indicators.Exports;
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
    IReadOnlyDictionary<string, Benchmark> Benchmarks)
{
    /// <summary>
    /// The keys whose figures the files print as <c>c</c> (Exports/SmallNumbers: a count of 1 or 2, anything built on
    /// one). The JSON keeps every figure as a number for the authority's own integrations and names these keys beside
    /// them rather than replacing numbers with a symbol, which would break clients that read numbers; anything
    /// published from it must withhold them (docs/indicators-service.md, "Small numbers").
    /// </summary>
    public IReadOnlyList<string> Withheld => SmallNumbers.WithheldKeys(Measures);
}
