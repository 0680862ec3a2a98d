namespace CareTracking.Indicators.Measures;

/// <summary>
/// The population aged 0–17 of an LA, stored against the collection year (named by the 31 March it ends
/// on) whose rate per 10,000 it is the denominator of. Which ONS estimate that is, is the reference
/// data's choice, not this code's.
/// </summary>
public sealed record PopulationEstimate(string Authority, int CollectionYear, int ChildrenAged0To17);

/// <summary>Reference data the measures need but the event streams do not hold.</summary>
public sealed record ReferenceFigures(IReadOnlyList<PopulationEstimate> Populations)
{
    public static ReferenceFigures None { get; } = new([]);

    public int? PopulationOf(string authority, int collectionYear) =>
        Populations.FirstOrDefault(p => p.Authority == authority && p.CollectionYear == collectionYear)
            ?.ChildrenAged0To17;
}
