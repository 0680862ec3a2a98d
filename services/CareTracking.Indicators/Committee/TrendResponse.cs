using CareTracking.Indicators.Measures;

namespace CareTracking.Indicators.Committee;

public sealed record TrendResponse(string Measure, string Definition, DateTimeOffset? KnownAt, IReadOnlyList<string> Switches, IReadOnlyList<TrendPoint> Points);
