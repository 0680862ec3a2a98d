namespace CareTracking.Indicators.Committee;

public sealed record TrendPoint(int Year, DateOnly AsAt, decimal? Value, int? Numerator, int? Denominator, decimal? National, decimal? Comparator);
