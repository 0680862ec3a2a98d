using CareTracking.Ssda903.Calendar;

namespace CareTracking.Ssda903.Tests.Calendar;

public class UkLocalDateTests
{
    [Theory]
    // Summer (BST, UTC+1): 23:30 UTC on 30 June is 00:30 on 1 July in England.
    [InlineData("2025-06-30T23:30:00Z", "2025-07-01")]
    [InlineData("2025-06-30T22:59:59Z", "2025-06-30")]
    // Winter (GMT): the UTC date is the English date.
    [InlineData("2025-12-31T23:30:00Z", "2025-12-31")]
    // Clocks go forward at 01:00 UTC on Sunday 30 March 2025: 23:30 UTC on the 29th is still the 29th (GMT).
    [InlineData("2025-03-29T23:30:00Z", "2025-03-29")]
    // Clocks go back at 01:00 UTC on Sunday 26 October 2025: 23:30 UTC on the 25th is 00:30 BST on the 26th.
    [InlineData("2025-10-25T23:30:00Z", "2025-10-26")]
    // 23:30 UTC on the 26th is after the change (GMT), so still the 26th.
    [InlineData("2025-10-26T23:30:00Z", "2025-10-26")]
    // An instant given with another offset: 00:30+02:00 on 1 July = 22:30 UTC on 30 June = 23:30 BST, 30 June.
    [InlineData("2025-07-01T00:30:00+02:00", "2025-06-30")]
    public void the_date_of_an_instant_is_its_date_in_england(string instant, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), UkLocalDate.Of(DateTimeOffset.Parse(instant)));

    [Theory]
    // Winter: midnight GMT is midnight UTC.
    [InlineData("2025-01-15", "2025-01-15T00:00:00Z")]
    // The day the clocks go forward (30 March 2025, at 01:00 UTC) still begins at 00:00 GMT.
    [InlineData("2025-03-30", "2025-03-30T00:00:00Z")]
    // The day after, midnight is BST: 23:00 UTC the day before.
    [InlineData("2025-03-31", "2025-03-30T23:00:00Z")]
    // The day the clocks go back (26 October 2025) begins at 00:00 BST, 23:00 UTC on the 25th.
    [InlineData("2025-10-26", "2025-10-25T23:00:00Z")]
    [InlineData("2025-10-27", "2025-10-27T00:00:00Z")]
    public void a_date_begins_at_midnight_in_england_and_that_instant_is_on_the_date(string date, string expected)
    {
        var start = UkLocalDate.StartOf(DateOnly.Parse(date));

        Assert.Equal(DateTimeOffset.Parse(expected), start);
        Assert.Equal((DateOnly.Parse(date), DateOnly.Parse(date).AddDays(-1)), (UkLocalDate.Of(start), UkLocalDate.Of(start.AddTicks(-1))));
    }
}
