using System.Globalization;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>Query-string values read by hand, so a bad one is a 422 naming the parameter rather than a bare 400.</summary>
public static class Query
{
    /// <summary>The dates a query may name: wide enough for any record kept (born after 1900, kept to the 75th
    /// birthday) and far from DateOnly's ends, where date arithmetic overflowed into a 500.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2199, 12, 31);

    public static DateOnly? Date(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? throw new RuleViolation(name, "query.date-format", $"{name} must be a date written YYYY-MM-DD.")
        : date < Earliest || date > Latest
            ? throw new RuleViolation(name, "query.date-range", $"{name} must be from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}.")
        : date;

    public static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw new RuleViolation(name, "query.number-range", $"{name} must be a whole number from {min} to {max}.");

    public static bool? Bool(string name, string? value) => value switch
    {
        null or "" => null,
        "true" => true,
        "false" => false,
        _ => throw new RuleViolation(name, "query.boolean", $"{name} must be true or false."),
    };

    /// <summary>An instant with its time and offset, as in a body: a date alone is refused rather than read as
    /// midnight UTC (an hour out in summer).</summary>
    public static DateTimeOffset? Instant(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : InstantConverter.TryRead(value, out var instant) ? instant
        : throw new RuleViolation(name, "query.instant", $"{name} must be {InstantConverter.Expected}.");

    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
