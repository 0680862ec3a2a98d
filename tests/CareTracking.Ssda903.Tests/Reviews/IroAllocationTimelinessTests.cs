using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Ssda903.Tests.Reviews;

public class IroAllocationTimelinessTests
{
    private static readonly WorkingDays England = WorkingDays.England;

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void an_iro_allocated_on_the_5th_working_day_is_in_time_and_on_the_6th_is_not()
    {
        // DECOM Thursday 17 April 2025: Good Friday and Easter Monday skipped: Tue 22 (1), Wed 23 (2),
        // Thu 24 (3), Fri 25 (4), Mon 28 April (5).
        var period = new PeriodOfCare(D(2025, 4, 17), null);
        var onDue = IroAllocationTimeliness.For(period, null, [D(2025, 4, 28)], England);
        var late = IroAllocationTimeliness.For(period, null, [D(2025, 4, 29)], England);
        Assert.Equal(D(2025, 4, 28), onDue.Due);
        Assert.True(onDue.InTime);
        Assert.False(late.InTime);
    }

    [Fact]
    public void the_earliest_allocation_on_or_after_decom_counts()
    {
        // DECOM Monday 2 June 2025, due Monday 9 June. An allocation on 30 May (before care began) is ignored;
        // the earliest within the period is 4 June (in time), a re-allocation on 20 June does not matter.
        var result = IroAllocationTimeliness.For(new PeriodOfCare(D(2025, 6, 2), null), null, [D(2025, 6, 20), D(2025, 5, 30), D(2025, 6, 4)], England);
        Assert.Equal(D(2025, 6, 4), result.AllocatedOn);
        Assert.True(result.InTime);
    }

    [Fact]
    public void no_allocation_is_not_in_time()
    {
        var result = IroAllocationTimeliness.For(new PeriodOfCare(D(2025, 6, 2), null), null, [D(2025, 5, 30)], England);
        Assert.Null(result.AllocatedOn);
        Assert.False(result.InTime);
    }

    [Fact]
    public void an_allocation_after_the_next_period_started_belongs_to_that_period()
    {
        // Period 1 from 2 June 2025 ended 4 June; period 2 from 6 June (due Friday 13 June). One allocation, 6 June.
        var results = IroAllocationTimeliness.ForChild(
            [new PeriodOfCare(D(2025, 6, 6), null), new PeriodOfCare(D(2025, 6, 2), D(2025, 6, 4))],
            [D(2025, 6, 6)],
            England);
        Assert.Null(results[0].AllocatedOn);
        Assert.False(results[0].InTime);
        Assert.Equal(D(2025, 6, 6), results[1].AllocatedOn);
        Assert.Equal(D(2025, 6, 13), results[1].Due);
        Assert.True(results[1].InTime);
    }
}
