using CareTracking.Ssda903.Calendar;

namespace CareTracking.Ssda903.Tests.Calendar;

public class CalendarMonthsTests
{
    [Theory]
    // A day that exists in the target month is kept.
    [InlineData("2025-01-15", 3, "2025-04-15")]
    // 31 August + 3 months: November has 30 days -> 30 November (docs/measures.md, Building blocks).
    [InlineData("2025-08-31", 3, "2025-11-30")]
    // 31 March 2022 - 30 months = 30 September 2019 (the long-term stability cut in docs/measures.md).
    [InlineData("2022-03-31", -30, "2019-09-30")]
    // 29, 30 and 31 August + 6 months land in February: 28 February 2026 (not a leap year).
    [InlineData("2025-08-29", 6, "2026-02-28")]
    [InlineData("2025-08-30", 6, "2026-02-28")]
    [InlineData("2025-08-31", 6, "2026-02-28")]
    // ... and 29 February in a leap year (2028).
    [InlineData("2027-08-31", 6, "2028-02-29")]
    // 30 November + 3 months crosses the year: 28 February 2026... and 29 February 2028 in a leap year.
    [InlineData("2025-11-30", 3, "2026-02-28")]
    [InlineData("2027-11-29", 3, "2028-02-29")]
    // 29 February + 6 months = 29 August (the day exists).
    [InlineData("2028-02-29", 6, "2028-08-29")]
    // 31 December + 6 months = 30 June.
    [InlineData("2025-12-31", 6, "2026-06-30")]
    public void adding_months_keeps_the_day_or_uses_the_last_day_of_a_shorter_month(string from, int months, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), CalendarMonths.Add(DateOnly.Parse(from), months));
}
