using System.Globalization;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Indicators.Committee;

/// <summary>A measure as at one month end: snapshot measures (children looked after, placement mix, …) on that day,
/// flows and percentages over the 12 months ending it. National and comparator only at 31 March, the day the DfE
/// publishes for.</summary>
public sealed record MonthlyTrendPoint(DateOnly AsAt, DateOnly From, decimal? Value, int? Numerator, int? Denominator, decimal? National, decimal? Comparator);

/// <param name="Withheld">The month ends whose point the committee report as at that day withholds (Exports/SmallNumbers:
/// a count of 1 or 2, a figure built on one, or the secondary suppression of a family of shares); the values stay
/// numbers, as in the committee JSON, and the page shows these as c when asked to.</param>
public sealed record MonthlyTrendResponse(string Measure, string Definition, DateTimeOffset? KnownAt, IReadOnlyList<string> Switches, IReadOnlyList<MonthlyTrendPoint> Points,
    IReadOnlyList<DateOnly> Withheld);

/// <summary>
/// Trend points at month ends ("as at 31 July 2021"), not only at 31 March: <c>GET /api/indicators/trend/monthly?measure=cla
/// &amp;from=2021-04&amp;to=2022-03</c>, each point the committee report as at that month's last day (the 12 months ending
/// it), as known at <c>knownAt</c> when given.
/// </summary>
public static class MonthlyTrend
{
    public const int LongestMonths = 60;

    /// <summary>The last day of each month from <paramref name="from"/> to <paramref name="to"/> (their days ignored). Pure.</summary>
    public static IReadOnlyList<DateOnly> MonthEnds(DateOnly from, DateOnly to)
    {
        var ends = new List<DateOnly>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
            ends.Add(month.AddMonths(1).AddDays(-1));
        return ends;
    }

    /// <summary>A month as YYYY-MM (its first day).</summary>
    public static DateOnly Month(string? text, string field) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100
            ? d
            : throw new RuleViolation(field, "trend.month", $"{field} is a month as YYYY-MM, e.g. 2021-07.");

    public static void MapMonthlyTrend(this RouteGroupBuilder indicators) =>
        indicators.MapGet("/trend/monthly", async (string? measure, string? from, string? to, string? knownAt, HttpContext http, CommitteeReports reports) =>
        {
            var (first, last) = (Month(from, "from"), Month(to, "to"));
            if (last < first) throw new RuleViolation("to", "trend.range", "to must be the same month as from or later.");
            if (MonthEnds(first, last).Count > LongestMonths) throw new RuleViolation("to", "trend.range", $"A monthly trend covers at most {LongestMonths} months.");
            if (string.IsNullOrWhiteSpace(measure) || Measures.MeasureDefinitions.For(measure) is null)
                throw new RuleViolation("measure", "trend.measure", "measure must be a committee measure key, e.g. cla or placementMix.fosterOther.");
            return Results.Ok(await reports.MonthlyTrendAsync(http.User.Authority(), measure, MonthEnds(first, last), CommitteeApi.KnownAt(knownAt), http.RequestAborted));
        });
}
