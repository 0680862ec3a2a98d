namespace CareTracking.Indicators.Comparisons;

/// <summary>Where a published figure is about: England, one of its regions, or one local authority.</summary>
public enum AreaLevel { National, Regional, LocalAuthority }

/// <summary>
/// One figure as the DfE published it: for an area (England's country code, a region code, or a local authority's
/// three-digit code, the same code our tokens carry), a measure of ours, a collection year (the 31 March it ends
/// on), in a named release published on a date. Value is null where the DfE did not publish the figure (suppressed
/// or not available): the authority still belongs to its region. A revision is another row of the same area, measure and year in a
/// later release, so every figure stays as it was published.
/// </summary>
public sealed record PublishedFigure(
    AreaLevel Level, string Area, string? Region, string Measure, int Year, decimal? Value, string Release, DateOnly PublishedOn);

/// <summary>A measure's target for a collection year and whether a higher value is the better one.</summary>
public sealed record Target(string Measure, int Year, decimal Value, bool HigherIsBetter)
{
    /// <summary>Met when the value reaches the target in the better direction; unknown without a value.</summary>
    public bool? MetBy(decimal? value) => value is not { } v ? null : HigherIsBetter ? v >= Value : v <= Value;
}
