using CareTracking.Health.Children;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Health;
using static CareTracking.Health.Tests.Children.HealthSpec;

namespace CareTracking.Health.Tests.Children;

/// <summary>Due dates worked out by hand from a calendar for 2025 (bank holidays 5 and 26 May).</summary>
public class HealthScheduleTests
{
    private static readonly WorkingDays England = WorkingDays.England;

    [Fact]
    public void the_initial_assessment_is_due_20_working_days_after_entering_care()
    {
        // Monday 2 June 2025 is day 0; four full weeks without bank holidays: Monday 30 June.
        var child = Given(PeriodStarted(D(2025, 6, 2)));
        Assert.Equal(new HealthAssessmentDue(AssessmentKind.Initial, D(2025, 6, 30), null), child.DueAt(D(2025, 6, 2), England));
    }

    [Fact]
    public void bank_holidays_are_not_working_days_for_the_initial_assessment()
    {
        // Day 0 Monday 5 May 2025 (a bank holiday); 6–9 May are 1–4, 12–16 are 5–9, 19–23 are 10–14, 26 May is a
        // bank holiday, 27–30 are 15–18, 2 June is 19 and Tuesday 3 June is 20.
        var child = Given(PeriodStarted(D(2025, 5, 5)));
        Assert.Equal(D(2025, 6, 3), child.DueAt(D(2025, 5, 5), England)!.DueDate);
    }

    [Fact]
    public void from_the_fifth_birthday_a_review_is_due_12_months_after_the_last_assessment()
    {
        var child = Given(PeriodStarted(D(2025, 1, 6)), new HealthAssessmentCarriedOut(D(2025, 1, 20), AssessmentKind.Initial));
        Assert.Equal(new HealthAssessmentDue(AssessmentKind.Review, D(2026, 1, 20), D(2025, 1, 20)), child.DueAt(D(2025, 12, 1), England));
    }

    [Fact]
    public void under_5_a_review_is_due_6_calendar_months_after_the_last_assessment_even_on_a_weekend()
    {
        // Born 15 January 2023. Assessed Sunday 31 August 2025: 6 months on is Saturday 28 February 2026 (no 31st),
        // and the date is not moved to a working day.
        var child = Given(PeriodStarted(D(2025, 8, 1), born: D(2023, 1, 15)),
            new HealthAssessmentCarriedOut(D(2025, 8, 20), AssessmentKind.Initial),
            new HealthAssessmentCarriedOut(D(2025, 8, 31), AssessmentKind.Review));
        Assert.Equal(D(2026, 2, 28), child.DueAt(D(2025, 12, 1), England)!.DueDate);
    }

    [Fact]
    public void a_child_5_by_the_date_six_months_on_is_next_due_12_months_on()
    {
        // Born 1 October 2020: 4 when assessed on 10 June 2025, 5 on 10 December 2025, so 10 June 2026.
        var child = Given(PeriodStarted(D(2025, 5, 1), born: D(2020, 10, 1)), new HealthAssessmentCarriedOut(D(2025, 6, 10), AssessmentKind.Initial));
        Assert.Equal(D(2026, 6, 10), child.DueAt(D(2025, 12, 1), England)!.DueDate);

        // Born 11 December 2020: still 4 on 10 December 2025, so 6 months on.
        var younger = Given(PeriodStarted(D(2025, 5, 1), born: D(2020, 12, 11)), new HealthAssessmentCarriedOut(D(2025, 6, 10), AssessmentKind.Initial));
        Assert.Equal(D(2025, 12, 10), younger.DueAt(D(2025, 12, 1), England)!.DueDate);
    }

    [Fact]
    public void an_assessment_in_an_earlier_period_of_care_does_not_count_in_the_next_one()
    {
        // Assessed in the first period; care ended 1 August and began again Monday 1 September 2025.
        var child = Given(PeriodStarted(D(2025, 1, 6)), new HealthAssessmentCarriedOut(D(2025, 1, 20), AssessmentKind.Initial),
            PeriodEnded(D(2025, 1, 6), D(2025, 8, 1)), PeriodStarted(D(2025, 9, 1)));
        // 1 September day 0; 2–5 are 1–4, then four weeks: Monday 29 September is 20.
        Assert.Equal(new HealthAssessmentDue(AssessmentKind.Initial, D(2025, 9, 29), null), child.DueAt(D(2025, 9, 1), England));
    }

    [Fact]
    public void as_at_an_earlier_date_a_later_assessment_is_not_yet_counted()
    {
        var child = Given(PeriodStarted(D(2025, 6, 2)), new HealthAssessmentCarriedOut(D(2025, 6, 25), AssessmentKind.Initial));
        Assert.Equal(AssessmentKind.Initial, child.DueAt(D(2025, 6, 24), England)!.Kind);
        Assert.Equal(AssessmentKind.Review, child.DueAt(D(2025, 6, 25), England)!.Kind);
    }

    [Fact]
    public void overdue_is_the_day_after_the_due_date()
    {
        var due = Given(PeriodStarted(D(2025, 6, 2))).DueAt(D(2025, 7, 1), England)!;
        Assert.False(due.IsOverdueOn(D(2025, 6, 30)));
        Assert.True(due.IsOverdueOn(D(2025, 7, 1)));
    }

    [Fact]
    public void nothing_is_due_for_a_child_not_looked_after_or_on_a_short_break()
    {
        var left = Given(PeriodStarted(D(2025, 6, 2)), PeriodEnded(D(2025, 6, 2), D(2025, 7, 1)));
        Assert.Null(left.DueAt(D(2025, 7, 1), England));
        Assert.NotNull(left.DueAt(D(2025, 6, 30), England));
        Assert.Null(Given(PeriodStarted(D(2025, 6, 2), "V3")).DueAt(D(2025, 6, 3), England));
    }
}
