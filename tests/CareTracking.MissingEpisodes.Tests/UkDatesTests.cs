using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Tests;

public class UkDatesTests
{
    [Theory]
    [InlineData("2025-03-29T23:30:00Z", "2025-03-29")] // GMT
    [InlineData("2025-03-30T00:59:59Z", "2025-03-30")] // GMT, last second before BST begins at 01:00 UTC
    [InlineData("2025-03-30T23:30:00Z", "2025-03-31")] // BST: 00:30 next day
    [InlineData("2025-10-25T23:30:00Z", "2025-10-26")] // BST: 00:30 on the day it ends
    [InlineData("2025-10-26T23:30:00Z", "2025-10-26")] // GMT again
    [InlineData("2025-06-01T12:00:00+02:00", "2025-06-01")] // 10:00 UTC, 11:00 BST
    public void the_uk_local_date_follows_british_summer_time(string instant, string date) =>
        Assert.Equal(DateOnly.Parse(date), UkLocalDate.Of(DateTimeOffset.Parse(instant)));

    [Theory]
    [InlineData("2010-06-15", "2025-06-14", 14)]
    [InlineData("2010-06-15", "2025-06-15", 15)]
    [InlineData("2008-02-29", "2025-02-28", 16)]
    [InlineData("2008-02-29", "2025-03-01", 17)]
    public void age_is_whole_years_reached_by_the_date(string dateOfBirth, string on, int age) =>
        Assert.Equal(age, Age.InWholeYears(DateOnly.Parse(dateOfBirth), DateOnly.Parse(on)));
}
