namespace CareTracking.Indicators.Measures;

/// <summary>
/// One figure on a committee report. Counts carry the count as Value and Numerator; rates and
/// percentages carry the rounded Value with the Numerator and Denominator it came from. Value is null
/// when the denominator is zero or unknown.
/// </summary>
public sealed record Measure(decimal? Value, int? Numerator, int? Denominator)
{
    public static Measure Count(int count) => new(count, count, null);

    /// <summary>Per cent, one decimal, halves rounded away from zero as a committee paper would.</summary>
    public static Measure Percent(int numerator, int denominator) =>
        new(denominator == 0 ? null : Round(100m * numerator / denominator), numerator, denominator);

    /// <summary>Numerator ÷ denominator × <paramref name="per"/>, one decimal.</summary>
    public static Measure Rate(int numerator, int? denominator, int per) =>
        new(denominator is null or 0 ? null : Round((decimal)numerator * per / denominator.Value), numerator, denominator);

    public static Measure Ratio(int numerator, int denominator) =>
        new(denominator == 0 ? null : Round((decimal)numerator / denominator), numerator, denominator);

    private static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
