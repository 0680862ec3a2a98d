using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Ssda903.Tests.Reviews;

public class ReviewScheduleTests
{
    private static readonly WorkingDays England = WorkingDays.England;

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static PeriodReviewSchedule Schedule(PeriodOfCare period, params DateOnly[] held) =>
        ReviewSchedule.ForPeriod(period, held, England);

    [Fact]
    public void first_review_is_due_on_the_20th_working_day_after_decom()
    {
        // DECOM Monday 2 June 2025 is day 0; no bank holiday until 25 August: four full weeks -> Monday 30 June.
        var schedule = Schedule(new PeriodOfCare(D(2025, 6, 2), null));
        Assert.Equal(D(2025, 6, 30), schedule.NextDue);
        Assert.Equal(1, schedule.NextNumber);
    }

    [Fact]
    public void a_first_review_on_its_due_date_is_on_time_and_the_day_after_is_late()
    {
        // Due Monday 30 June 2025 (as above).
        var onDue = Schedule(new PeriodOfCare(D(2025, 6, 2), null), D(2025, 6, 30)).Reviews.Single();
        var dayAfter = Schedule(new PeriodOfCare(D(2025, 6, 2), null), D(2025, 7, 1)).Reviews.Single();
        Assert.Equal(new ReviewAgainstDue(1, D(2025, 6, 30), D(2025, 6, 30)), onDue);
        Assert.True(onDue.OnTime);
        Assert.Equal(D(2025, 6, 30), dayAfter.Due);
        Assert.False(dayAfter.OnTime);
    }

    [Fact]
    public void the_first_review_clock_skips_easter_and_the_early_may_bank_holiday()
    {
        // DECOM Thursday 3 April 2025. Fri 4 (1), 7-11 (2-6), 14-17 (7-10), Good Friday 18 and Easter Monday 21
        // skipped, 22-25 (11-14), 28 Apr - 2 May (15-19), Monday 5 May bank holiday skipped, Tuesday 6 May (20).
        Assert.Equal(D(2025, 5, 6), Schedule(new PeriodOfCare(D(2025, 4, 3), null)).NextDue);
    }

    [Fact]
    public void a_period_starting_on_a_saturday_counts_from_the_monday()
    {
        // DECOM Saturday 7 June 2025 is day 0; Mon 9 - Fri 13 (1-5), 16-20 (6-10), 23-27 (11-15), 30 Jun - 4 Jul (16-20).
        Assert.Equal(D(2025, 7, 4), Schedule(new PeriodOfCare(D(2025, 6, 7), null)).NextDue);
    }

    [Fact]
    public void the_second_review_is_due_3_months_after_the_first_was_held_not_after_it_was_due()
    {
        // DECOM Monday 2 June 2025, first review held early on Tuesday 10 June: second due 10 September 2025.
        var schedule = Schedule(new PeriodOfCare(D(2025, 6, 2), null), D(2025, 6, 10));
        Assert.Equal(D(2025, 9, 10), schedule.NextDue);
        Assert.Equal(2, schedule.NextNumber);
    }

    [Fact]
    public void three_months_from_30_november_is_the_last_day_of_february_a_saturday()
    {
        // DECOM Monday 3 November 2025: Nov 4-7 (1-4), 10-14 (5-9), 17-21 (10-14), 24-28 (15-19), Mon 1 Dec (20).
        // First review held Sunday 30 November (on time). 30 Nov + 3 months: February 2026 has 28 days -> Saturday
        // 28 February 2026. The due date stays on the Saturday: Friday 27 Feb is on time, Monday 2 March is late.
        var period = new PeriodOfCare(D(2025, 11, 3), null);
        var onTime = Schedule(period, D(2025, 11, 30), D(2026, 2, 27)).Reviews;
        var late = Schedule(period, D(2025, 11, 30), D(2026, 3, 2)).Reviews;
        Assert.Equal([new(1, D(2025, 11, 30), D(2025, 12, 1)), new(2, D(2026, 2, 27), D(2026, 2, 28))], onTime);
        Assert.True(onTime.All(r => r.OnTime));
        Assert.Equal(new ReviewAgainstDue(2, D(2026, 3, 2), D(2026, 2, 28)), late[1]);
        Assert.False(late[1].OnTime);
    }

    [Fact]
    public void a_second_review_due_on_a_bank_holiday_is_not_moved_to_the_next_working_day()
    {
        // DECOM Monday 11 May 2026: May 12-15 (1-4), 18-22 (5-9), spring bank holiday Monday 25 May skipped,
        // 26-29 (10-13), Jun 1-5 (14-18), Mon 8 (19), Tue 9 June (20). First review held Sunday 31 May 2026.
        // 31 May + 3 months = 31 August 2026, the summer bank holiday. Held Tuesday 1 September: late.
        var period = new PeriodOfCare(D(2026, 5, 11), null);
        Assert.Equal(D(2026, 6, 9), Schedule(period).NextDue);
        var second = Schedule(period, D(2026, 5, 31), D(2026, 9, 1)).Reviews[1];
        Assert.Equal(D(2026, 8, 31), second.Due);
        Assert.False(second.OnTime);
    }

    [Fact]
    public void later_reviews_are_due_6_months_after_the_previous_one_held()
    {
        // DECOM Monday 2 June 2025; held 10 June 2025 (1st), 1 September 2025 (2nd, due 10 September),
        // 25 February 2026 (3rd, due 1 Sep + 6 months = 1 March 2026); 4th due 25 August 2026.
        var schedule = Schedule(new PeriodOfCare(D(2025, 6, 2), null), D(2025, 6, 10), D(2025, 9, 1), D(2026, 2, 25));
        Assert.Equal([D(2025, 6, 30), D(2025, 9, 10), D(2026, 3, 1)], schedule.Reviews.Select(r => r.Due));
        Assert.Equal(D(2026, 8, 25), schedule.NextDue);
        Assert.Equal(4, schedule.NextNumber);
    }

    [Theory]
    // Six months from the 29th, 30th and 31st of August 2025 all land on 28 February 2026 (28 days).
    [InlineData(29, "2026-02-28")]
    [InlineData(30, "2026-02-28")]
    [InlineData(31, "2026-02-28")]
    public void six_months_from_the_end_of_august_is_the_last_day_of_february(int day, string expected)
    {
        // DECOM 1 July 2025; 1st held 2 July 2025; 2nd held 29, 30 or 31 August 2025 -> 3rd due at the end of February.
        var schedule = Schedule(new PeriodOfCare(D(2025, 7, 1), null), D(2025, 7, 2), D(2025, 8, day));
        Assert.Equal(DateOnly.Parse(expected), schedule.NextDue);
    }

    [Fact]
    public void six_months_from_31_august_2027_is_29_february_in_the_leap_year()
    {
        var schedule = Schedule(new PeriodOfCare(D(2027, 7, 1), null), D(2027, 7, 2), D(2027, 8, 31));
        Assert.Equal(D(2028, 2, 29), schedule.NextDue);
    }

    [Fact]
    public void a_review_due_on_christmas_day_is_late_when_held_after_the_break()
    {
        // DECOM 1 June 2026; 1st held 2 June; 2nd held 25 June 2026 (due 2 September); 3rd due 25 June + 6 months =
        // Friday 25 December 2026. Held Tuesday 29 December (first working day after 28 Dec substitute): late.
        var schedule = Schedule(new PeriodOfCare(D(2026, 6, 1), null), D(2026, 6, 2), D(2026, 6, 25), D(2026, 12, 29));
        Assert.Equal(new ReviewAgainstDue(3, D(2026, 12, 29), D(2026, 12, 25)), schedule.Reviews[2]);
        Assert.False(schedule.Reviews[2].OnTime);
    }

    [Fact]
    public void a_period_that_ended_before_the_first_review_was_due_owes_no_review()
    {
        // DECOM 2 June 2025, first due 30 June 2025; care ended 20 June.
        var schedule = Schedule(new PeriodOfCare(D(2025, 6, 2), D(2025, 6, 20)));
        Assert.Null(schedule.NextDue);
        Assert.Null(schedule.MissedDue);
        Assert.Equal(D(2025, 6, 30), schedule.NextDueDate);
    }

    [Fact]
    public void a_period_ending_on_the_due_date_owes_no_review_but_one_ending_the_day_after_missed_it()
    {
        // First due Monday 30 June 2025. Care ending on 30 June: not looked after on the due date.
        // Care ending 1 July: looked after on 30 June with no review, so the review was missed.
        var endingOnDue = Schedule(new PeriodOfCare(D(2025, 6, 2), D(2025, 6, 30)));
        var endingAfter = Schedule(new PeriodOfCare(D(2025, 6, 2), D(2025, 7, 1)));
        Assert.Null(endingOnDue.NextDue);
        Assert.Null(endingOnDue.MissedDue);
        Assert.Equal(D(2025, 6, 30), endingAfter.NextDue);
        Assert.Equal(D(2025, 6, 30), endingAfter.MissedDue);
    }

    [Fact]
    public void a_period_ending_before_the_second_review_was_due_owes_no_further_review()
    {
        // 1st held 10 June 2025 -> 2nd due 10 September; care ended 1 September.
        var schedule = Schedule(new PeriodOfCare(D(2025, 6, 2), D(2025, 9, 1)), D(2025, 6, 10));
        Assert.Null(schedule.NextDue);
        Assert.True(schedule.Reviews.Single().OnTime);
    }

    [Fact]
    public void a_new_period_of_care_restarts_the_clock()
    {
        // Period 1: 2 June 2025 to 1 September 2025, reviews 10 June and 20 August (2nd, due 10 September).
        // Period 2 from Monday 6 October 2025: first review due 20 working days later, Monday 3 November 2025
        // (Oct 7-10 (1-4), 13-17 (5-9), 20-24 (10-14), 27-31 (15-19), Mon 3 Nov (20)), not 6 months after 20 August.
        var child = ReviewSchedule.ForChild(
            [new PeriodOfCare(D(2025, 6, 2), D(2025, 9, 1)), new PeriodOfCare(D(2025, 10, 6), null)],
            [D(2025, 6, 10), D(2025, 8, 20), D(2025, 10, 30)],
            England);
        Assert.Equal(2, child.Periods.Count);
        Assert.Equal([1, 2], child.Periods[0].Reviews.Select(r => r.Number));
        Assert.Equal(new ReviewAgainstDue(1, D(2025, 10, 30), D(2025, 11, 3)), child.Periods[1].Reviews.Single());
        // Second review of period 2: 30 October + 3 months = 30 January 2026.
        Assert.Equal(D(2026, 1, 30), child.NextDue);
    }

    [Fact]
    public void a_review_belongs_to_the_period_containing_its_date_and_others_are_outside_any_period()
    {
        // Period 1 ends 1 September 2025 (not looked after that day); period 2 starts 6 October.
        // A review on 1 September and one on 20 September fall in no period.
        var child = ReviewSchedule.ForChild(
            [new PeriodOfCare(D(2025, 6, 2), D(2025, 9, 1)), new PeriodOfCare(D(2025, 10, 6), null)],
            [D(2025, 6, 10), D(2025, 9, 1), D(2025, 9, 20)],
            England);
        Assert.Equal([D(2025, 9, 1), D(2025, 9, 20)], child.OutsideAnyPeriod);
        Assert.Single(child.Periods[0].Reviews);
        Assert.Empty(child.Periods[1].Reviews);
    }

    [Fact]
    public void a_short_break_arrangement_is_first_reviewed_3_months_after_the_first_break_then_6_monthly()
    {
        // V4 agreement from 3 March 2025: first due 3 June 2025 (not 20 working days); held 2 June;
        // next due 2 June + 6 months = 2 December 2025 (not 3 months).
        var period = new PeriodOfCare(D(2025, 3, 3), null, IsShortBreak: true);
        Assert.Equal(D(2025, 6, 3), Schedule(period).NextDue);
        var schedule = Schedule(period, D(2025, 6, 2));
        Assert.True(schedule.Reviews.Single().OnTime);
        Assert.Equal(D(2025, 12, 2), schedule.NextDue);
    }

    [Fact]
    public void a_short_break_clock_starts_at_the_first_short_break_when_given()
    {
        // Period record starts 2 June 2025 but the first break of the arrangement was 31 August 2024:
        // first review due 31 August 2024 + 3 months = 30 November 2024, already past.
        var schedule = ReviewSchedule.ForPeriod(new PeriodOfCare(D(2025, 6, 2), null, true), [], England, firstShortBreak: D(2024, 8, 31));
        Assert.Equal(D(2024, 11, 30), schedule.NextDue);
    }

    [Fact]
    public void consecutive_v3_breaks_share_one_clock_from_the_first_break()
    {
        // V3 breaks: 3-7 March, 7-11 April, 2-6 June 2025 (each its own period, ending the day after the last night).
        // First review due 3 March + 3 months = 3 June 2025; held 3 June during the third break: on time.
        // A review on 20 May 2025, between breaks, is outside any period.
        var child = ReviewSchedule.ForChild(
            [
                new PeriodOfCare(D(2025, 3, 3), D(2025, 3, 7), true),
                new PeriodOfCare(D(2025, 4, 7), D(2025, 4, 11), true),
                new PeriodOfCare(D(2025, 6, 2), D(2025, 6, 6), true),
            ],
            [D(2025, 5, 20), D(2025, 6, 3)],
            England);
        var arrangement = Assert.Single(child.Periods);
        Assert.Equal(new PeriodOfCare(D(2025, 3, 3), D(2025, 6, 6), true), arrangement.Period);
        Assert.Equal(new ReviewAgainstDue(1, D(2025, 6, 3), D(2025, 6, 3)), arrangement.Reviews.Single());
        Assert.Equal([D(2025, 5, 20)], child.OutsideAnyPeriod);
    }

    [Fact]
    public void a_mainstream_period_after_short_breaks_starts_its_own_20_working_day_clock()
    {
        // V3 break 3-7 March 2025, then a full-time period from Monday 2 June 2025: first due Monday 30 June 2025.
        var child = ReviewSchedule.ForChild(
            [new PeriodOfCare(D(2025, 3, 3), D(2025, 3, 7), true), new PeriodOfCare(D(2025, 6, 2), null)],
            [],
            England);
        Assert.Equal(2, child.Periods.Count);
        Assert.Equal(D(2025, 6, 30), child.NextDue);
    }

    [Fact]
    public void the_same_review_date_given_twice_counts_once()
    {
        var schedule = Schedule(new PeriodOfCare(D(2025, 6, 2), null), D(2025, 6, 10), D(2025, 6, 10));
        Assert.Single(schedule.Reviews);
    }
}
