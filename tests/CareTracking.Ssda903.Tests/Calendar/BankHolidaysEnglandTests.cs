using CareTracking.Ssda903.Calendar;

namespace CareTracking.Ssda903.Tests.Calendar;

public class BankHolidaysEnglandTests
{
    // Hand-listed from the published England and Wales lists, as "yyyy-MM-dd" so a wrong day is easy to
    // spot. The comment beside each year gives the reasoning for its moving and substitute days.
    public static TheoryData<int, string[]> PublishedLists => new()
    {
        // Easter Sunday 5 April; Boxing Day Saturday 26 December -> Monday 28.
        { 2015, ["2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04", "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28"] },
        // Easter 27 March; Christmas Sunday: Boxing Day stays Monday 26, Christmas moves to Tuesday 27.
        { 2016, ["2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27"] },
        // New Year's Day Sunday -> Monday 2 January; Easter 16 April.
        { 2017, ["2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-29", "2017-08-28", "2017-12-25", "2017-12-26"] },
        // Easter 1 April.
        { 2018, ["2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26"] },
        // Easter 21 April; no weekend clashes.
        { 2019, ["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"] },
        // Easter 12 April; early May moved from Monday 4 to Friday 8 (VE Day); Boxing Day Saturday -> Monday 28.
        { 2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"] },
        // Easter 4 April; Christmas Saturday -> Monday 27, Boxing Day Sunday -> Tuesday 28.
        { 2021, ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"] },
        // New Year Saturday -> Monday 3; Easter 17 April; spring holiday moved from 30 May to Thursday 2 June
        // plus Friday 3 June (Jubilee); Monday 19 September (State Funeral); Christmas Sunday -> Tuesday 27.
        { 2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"] },
        // New Year Sunday -> Monday 2; Easter 9 April; extra Monday 8 May (Coronation).
        { 2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"] },
        // Easter 31 March.
        { 2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"] },
        // Easter 20 April.
        { 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"] },
        // Easter 5 April; Boxing Day Saturday -> Monday 28.
        { 2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"] },
        // Easter 28 March (Good Friday 26 March); Christmas Saturday -> Monday 27, Boxing Day Sunday -> Tuesday 28.
        { 2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"] },
        // New Year Saturday -> Monday 3; Easter 16 April.
        { 2028, ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"] },
        // Easter 1 April.
        { 2029, ["2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26"] },
        // Easter 21 April.
        { 2030, ["2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26"] },
    };

    [Theory]
    [MemberData(nameof(PublishedLists))]
    public void each_year_from_2015_to_2030_matches_the_published_list(int year, string[] expected)
    {
        Assert.Equal(expected.Select(DateOnly.Parse), BankHolidaysEngland.ForYear(year));
        Assert.Equal(expected.Select(DateOnly.Parse), BankHolidaysEngland.Default.Listed.Where(d => d.Year == year));
    }

    [Fact]
    public void christmas_on_a_saturday_gives_monday_and_tuesday_off()
    {
        // 25 December 2021 was a Saturday: Christmas -> Monday 27, Boxing Day (Sunday 26) -> Tuesday 28.
        var holidays = BankHolidaysEngland.Default;
        Assert.False(holidays.IsBankHoliday(new DateOnly(2021, 12, 25)));
        Assert.False(holidays.IsBankHoliday(new DateOnly(2021, 12, 26)));
        Assert.True(holidays.IsBankHoliday(new DateOnly(2021, 12, 27)));
        Assert.True(holidays.IsBankHoliday(new DateOnly(2021, 12, 28)));
        Assert.False(holidays.IsBankHoliday(new DateOnly(2021, 12, 29)));
    }

    [Fact]
    public void christmas_on_a_sunday_keeps_boxing_day_on_monday_and_moves_christmas_to_tuesday()
    {
        // 25 December 2022 was a Sunday: Boxing Day is Monday 26 itself, so Christmas's substitute is Tuesday 27.
        var holidays = BankHolidaysEngland.Default;
        Assert.False(holidays.IsBankHoliday(new DateOnly(2022, 12, 25)));
        Assert.True(holidays.IsBankHoliday(new DateOnly(2022, 12, 26)));
        Assert.True(holidays.IsBankHoliday(new DateOnly(2022, 12, 27)));
        Assert.False(holidays.IsBankHoliday(new DateOnly(2022, 12, 28)));
    }

    [Fact]
    public void easter_sunday_is_computed_for_known_years()
    {
        Assert.Equal(new DateOnly(2019, 4, 21), BankHolidaysEngland.EasterSunday(2019));
        Assert.Equal(new DateOnly(2024, 3, 31), BankHolidaysEngland.EasterSunday(2024));
        Assert.Equal(new DateOnly(2027, 3, 28), BankHolidaysEngland.EasterSunday(2027));
    }

    [Fact]
    public void a_calendar_loaded_from_reference_data_replaces_the_built_in_list_for_the_years_it_covers()
    {
        // A council's list for 2025 that adds a (hypothetical) holiday on Friday 6 June and omits 26 December.
        var loaded = new BankHolidaysEngland([new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 6), new DateOnly(2025, 12, 25)]);
        Assert.True(loaded.IsBankHoliday(new DateOnly(2025, 6, 6)));
        Assert.False(loaded.IsBankHoliday(new DateOnly(2025, 12, 26)));
        Assert.False(loaded.IsBankHoliday(new DateOnly(2025, 4, 18)));
        // 2026 is not in the loaded list, so the standing rules answer: Good Friday 3 April 2026.
        Assert.True(loaded.IsBankHoliday(new DateOnly(2026, 4, 3)));
    }

    [Fact]
    public void a_year_beyond_the_built_in_list_follows_the_standing_rules()
    {
        // 2031: Easter Sunday 13 April, so Good Friday 11 April; 1 January is a Wednesday.
        Assert.True(BankHolidaysEngland.Default.IsBankHoliday(new DateOnly(2031, 4, 11)));
        Assert.True(BankHolidaysEngland.Default.IsBankHoliday(new DateOnly(2031, 1, 1)));
        Assert.False(BankHolidaysEngland.Default.IsBankHoliday(new DateOnly(2031, 4, 10)));
    }
}
