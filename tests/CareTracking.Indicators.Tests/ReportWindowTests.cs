using CareTracking.Indicators.Measures;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

public class ReportWindowTests
{
    [Fact]
    public void year_2024_is_the_collection_year_1_april_2023_to_31_march_2024()
    {
        var window = ReportWindow.ForYear(2024);

        Assert.Equal(D("2023-04-01"), window.From);
        Assert.Equal(D("2024-03-31"), window.To);
        Assert.Equal(D("2024-03-31"), window.AsAt);
        Assert.Equal(2024, window.CollectionYear);
    }

    [Fact]
    public void twelve_months_ending_29_february_start_on_1_march_the_year_before()
    {
        var window = ReportWindow.EndingOn(D("2024-02-29"));

        Assert.Equal(D("2023-03-01"), window.From);
        Assert.Equal(D("2024-02-29"), window.AsAt);
        Assert.Equal(2024, window.CollectionYear);
    }

    [Fact]
    public void a_window_ending_in_april_belongs_to_the_next_collection_year()
    {
        Assert.Equal(2025, ReportWindow.EndingOn(D("2024-04-30")).CollectionYear);
    }
}

/// <summary>Month ends for the monthly trend: the last day of each month, leap years included.</summary>
public class MonthlyTrendMonthEndsTests
{
    [Fact]
    public void each_month_ends_on_its_last_day_and_february_follows_the_leap_year()
    {
        Assert.Equal(
            [new DateOnly(2023, 12, 31), new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 31)],
            Committee.MonthlyTrend.MonthEnds(new DateOnly(2023, 12, 1), new DateOnly(2024, 3, 1)));
        Assert.Equal([new DateOnly(2021, 2, 28)], Committee.MonthlyTrend.MonthEnds(new DateOnly(2021, 2, 1), new DateOnly(2021, 2, 1)));
    }
}
