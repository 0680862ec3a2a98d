using CareTracking.Reviews.Children;
using CareTracking.Reviews.WorkLists;
using CareTracking.Ssda903.Calendar;
using static CareTracking.Reviews.Tests.Children.ChildSpec;

namespace CareTracking.Reviews.Tests.WorkLists;

public class ReviewWorkListTests
{
    private static readonly WorkingDays England = WorkingDays.England;

    // The list date: Monday 1 December 2025. 5 working days later: Dec 2-5 (1-4), Monday 8 December (5).
    private static readonly DateOnly Monday1December = D(2025, 12, 1);

    private static readonly Dictionary<string, Child> Children = new()
    {
        // DECOM Monday 3 November 2025: Nov 4-7 (1-4), 10-14 (5-9), 17-21 (10-14), 24-28 (15-19), Mon 1 Dec (20): due on D.
        ["A"] = Given(PeriodStarted(D(2025, 11, 3)), new IroAllocated(D(2025, 11, 4), "IRO-1", "North")),
        // DECOM Monday 10 November: Nov 11-14 (1-4), 17-21 (5-9), 24-28 (10-14), Dec 1-5 (15-19), Mon 8 Dec (20): D + 5 working days.
        ["B"] = Given(PeriodStarted(D(2025, 11, 10)), new IroAllocated(D(2025, 11, 10), "IRO-2", "South")),
        // DECOM Tuesday 11 November: due Tuesday 9 December, D + 6 working days.
        ["C"] = Given(PeriodStarted(D(2025, 11, 11))),
        // DECOM Friday 31 October: Nov 3-7 (1-5), 10-14 (6-10), 17-21 (11-15), 24-28 (16-20): due Friday 28 November, overdue at D.
        ["E"] = Given(PeriodStarted(D(2025, 10, 31)), new IroAllocated(D(2025, 11, 3), "IRO-1", "North")),
        // As E, but the review was held on D itself: next due 1 December + 3 months = 1 March 2026.
        ["F"] = Given(PeriodStarted(D(2025, 10, 31)), new ReviewHeld(D(2025, 12, 1), "PN1")),
        // V4 short breaks from 1 September 2025: first review due 1 December 2025 (3 months).
        ["G"] = Given(PeriodStarted(D(2025, 9, 1), legalStatus: "V4")),
        // Care ended 20 November: not looked after at D.
        ["H"] = Given(PeriodStarted(D(2025, 9, 1)), PeriodEnded(D(2025, 9, 1), D(2025, 11, 20))),
    };

    [Fact]
    public void due_soon_runs_from_the_list_date_to_the_nth_working_day_after_it()
    {
        var due = ReviewWorkList.DueSoon(Children, Monday1December, 5, England);
        Assert.Equal(
            [new ReviewDue("A", 1, D(2025, 12, 1), false, "IRO-1", "North"), new ReviewDue("B", 1, D(2025, 12, 8), false, "IRO-2", "South")],
            due);
    }

    [Fact]
    public void one_working_day_fewer_leaves_out_the_review_due_on_the_last_day()
    {
        // D + 4 working days = Friday 5 December: B (due 8 December) drops out.
        Assert.Equal(["A"], ReviewWorkList.DueSoon(Children, Monday1December, 4, England).Select(d => d.ChildId));
    }

    [Fact]
    public void short_breaks_are_listed_only_when_asked()
    {
        var with = ReviewWorkList.DueSoon(Children, Monday1December, 5, England, new WorkListFilter(IncludeShortBreaks: true));
        Assert.Equal(["A", "G", "B"], with.Select(d => d.ChildId));
        Assert.True(with[1].ShortBreak);
    }

    [Fact]
    public void the_list_is_filtered_by_team_or_iro()
    {
        Assert.Equal(["B"], ReviewWorkList.DueSoon(Children, Monday1December, 5, England, new WorkListFilter(Team: "south")).Select(d => d.ChildId));
        Assert.Equal(["A"], ReviewWorkList.DueSoon(Children, Monday1December, 5, England, new WorkListFilter(IroId: "IRO-1")).Select(d => d.ChildId));
    }

    [Fact]
    public void overdue_means_due_strictly_before_the_list_date_with_no_review_since()
    {
        // E was due 28 November; A (due on D) is not overdue; F held its review on D; H is no longer looked after.
        Assert.Equal([new ReviewDue("E", 1, D(2025, 11, 28), false, "IRO-1", "North")], ReviewWorkList.Overdue(Children, Monday1December, England));
    }

    [Fact]
    public void a_list_as_at_an_earlier_date_ignores_reviews_held_after_it()
    {
        // As at Friday 28 November, F's review of 1 December has not happened: F is due that day, not overdue.
        var friday = D(2025, 11, 28);
        Assert.Contains(ReviewWorkList.DueSoon(Children, friday, 0, England), d => d.ChildId == "F" && d.DueDate == friday);
        Assert.DoesNotContain(ReviewWorkList.Overdue(Children, friday, England), d => d.ChildId == "F");
    }

    [Fact]
    public void a_child_whose_care_ended_is_on_neither_list()
    {
        // H's first review was due 29 September 2025 (DECOM 1 September + 20 working days) and was never held.
        Assert.DoesNotContain(ReviewWorkList.Overdue(Children, Monday1December, England), d => d.ChildId == "H");
        Assert.Contains(ReviewWorkList.Overdue(Children, D(2025, 11, 19), England), d => d.ChildId == "H" && d.DueDate == D(2025, 9, 29));
    }
}
