using CareTracking.Ssda903.Calendar;

namespace CareTracking.Ssda903.Tests.Calendar;

public class WorkingDaysTests
{
    private static readonly WorkingDays England = WorkingDays.England;

    [Fact]
    public void weekends_and_bank_holidays_are_not_working_days()
    {
        Assert.True(England.IsWorkingDay(new DateOnly(2025, 6, 6)));    // Friday
        Assert.False(England.IsWorkingDay(new DateOnly(2025, 6, 7)));   // Saturday
        Assert.False(England.IsWorkingDay(new DateOnly(2025, 6, 8)));   // Sunday
        Assert.False(England.IsWorkingDay(new DateOnly(2025, 5, 26)));  // spring bank holiday
        Assert.False(England.IsWorkingDay(new DateOnly(2023, 5, 8)));   // Coronation
        Assert.True(England.IsWorkingDay(new DateOnly(2020, 5, 4)));    // the 2020 May holiday moved away from this Monday
    }

    [Fact]
    public void the_start_date_is_day_0()
    {
        // Monday 2 June 2025 + 1 working day = Tuesday 3 June; + 0 = the start itself.
        Assert.Equal(new DateOnly(2025, 6, 3), England.AddWorkingDays(new DateOnly(2025, 6, 2), 1));
        Assert.Equal(new DateOnly(2025, 6, 2), England.AddWorkingDays(new DateOnly(2025, 6, 2), 0));
    }

    [Fact]
    public void twenty_working_days_without_holidays_are_four_weeks()
    {
        // Monday 2 June 2025: no bank holiday until 25 August, so day 20 is Monday 30 June.
        Assert.Equal(new DateOnly(2025, 6, 30), England.AddWorkingDays(new DateOnly(2025, 6, 2), 20));
    }

    [Fact]
    public void counting_from_a_weekend_starts_on_the_next_working_day()
    {
        // Saturday 7 June 2025 is day 0; Monday 9 June is day 1, Friday 13 June day 5.
        Assert.Equal(new DateOnly(2025, 6, 13), England.AddWorkingDays(new DateOnly(2025, 6, 7), 5));
    }

    [Fact]
    public void counting_skips_easter()
    {
        // Thursday 17 April 2025 day 0; Good Friday 18 and Easter Monday 21 skipped:
        // Tue 22 (1), Wed 23 (2), Thu 24 (3), Fri 25 (4), Mon 28 (5).
        Assert.Equal(new DateOnly(2025, 4, 28), England.AddWorkingDays(new DateOnly(2025, 4, 17), 5));
    }

    [Fact]
    public void counting_skips_christmas_substitute_days()
    {
        // Thursday 23 December 2021 day 0; Fri 24 (1); Mon 27 and Tue 28 are holidays; Wed 29 (2), Thu 30 (3),
        // Fri 31 (4), Mon 3 January 2022 is the New Year substitute, Tue 4 (5).
        Assert.Equal(new DateOnly(2022, 1, 4), England.AddWorkingDays(new DateOnly(2021, 12, 23), 5));
    }

    [Fact]
    public void working_days_between_counts_after_the_first_date_up_to_and_including_the_second()
    {
        // Thursday 17 April 2025 to Monday 28 April 2025: Tue 22, Wed 23, Thu 24, Fri 25, Mon 28 = 5.
        Assert.Equal(5, England.WorkingDaysBetween(new DateOnly(2025, 4, 17), new DateOnly(2025, 4, 28)));
        Assert.Equal(-5, England.WorkingDaysBetween(new DateOnly(2025, 4, 28), new DateOnly(2025, 4, 17)));
        Assert.Equal(0, England.WorkingDaysBetween(new DateOnly(2025, 4, 17), new DateOnly(2025, 4, 17)));
    }

    [Fact]
    public void a_loaded_calendar_changes_the_count()
    {
        // With Wednesday 4 June 2025 declared a holiday, Monday 2 June + 3 working days is Friday 6 June, not Thursday 5.
        var days = new WorkingDays(new BankHolidaysEngland([new DateOnly(2025, 6, 4)]));
        Assert.Equal(new DateOnly(2025, 6, 6), days.AddWorkingDays(new DateOnly(2025, 6, 2), 3));
    }
}
