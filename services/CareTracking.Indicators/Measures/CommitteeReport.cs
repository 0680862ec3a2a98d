namespace CareTracking.Indicators.Measures;

/// <summary>
/// The committee indicators for one window, with the definitions and switches they were computed under
/// so that every printed copy states them.
/// </summary>
public sealed record CommitteeReport(
    DateOnly AsAt,
    DateOnly From,
    DateOnly To,
    DateTimeOffset? KnownAt,
    IReadOnlyDictionary<string, Measure> Measures,
    IReadOnlyList<MeasureDefinition> Definitions,
    IReadOnlyList<string> SwitchesInForce)
{
    public Measure this[string key] => Measures[key];
}
