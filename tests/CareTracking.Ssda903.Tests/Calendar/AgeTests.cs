using CareTracking.Ssda903.Calendar;

namespace CareTracking.Ssda903.Tests.Calendar;

public class AgeTests
{
    [Theory]
    // Born 10 May 2021: 3 on 9 May 2025, 4 on 10 May 2025.
    [InlineData("2021-05-10", "2025-05-09", 3)]
    [InlineData("2021-05-10", "2025-05-10", 4)]
    // Born 29 February 2020: still 4 on 28 February 2025, 5 on 1 March 2025 (no 29 February in 2025).
    [InlineData("2020-02-29", "2025-02-28", 4)]
    [InlineData("2020-02-29", "2025-03-01", 5)]
    // ... and 8 on 29 February 2028.
    [InlineData("2020-02-29", "2028-02-29", 8)]
    public void age_is_counted_in_completed_years(string born, string on, int expected) =>
        Assert.Equal(expected, Age.InWholeYears(DateOnly.Parse(born), DateOnly.Parse(on)));

    [Theory]
    [InlineData("2008-05-10", 16, "2024-05-10")]
    // Born 29 February 2008: 16 on 29 February 2024 (a leap year), 17 on 1 March 2025.
    [InlineData("2008-02-29", 16, "2024-02-29")]
    [InlineData("2008-02-29", 17, "2025-03-01")]
    public void the_birthday_is_the_first_day_of_the_age(string born, int years, string expected)
    {
        var birthday = Age.Birthday(DateOnly.Parse(born), years);
        Assert.Equal(DateOnly.Parse(expected), birthday);
        Assert.Equal(years, Age.InWholeYears(DateOnly.Parse(born), birthday));
        Assert.Equal(years - 1, Age.InWholeYears(DateOnly.Parse(born), birthday.AddDays(-1)));
    }
}
