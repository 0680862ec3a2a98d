using CareTracking.Reviews.Children;
using CareTracking.Ssda903.Calendar;
using static CareTracking.Reviews.Tests.Children.ChildSpec;

namespace CareTracking.Reviews.Tests.Children;

public class ChildReviewsViewTests
{
    private static ChildReviewsView View(params ChildEvent[] events) => ChildReviewsView.Of(Given(events), WorkingDays.England);

    [Fact]
    public void each_review_shows_its_due_date_and_whether_it_was_on_time_and_the_next_due_date_follows()
    {
        // DECOM Monday 2 June 2025: 1st due Monday 30 June (four full weeks), held 30 June (on time);
        // 2nd due 30 September (3 months), held 1 October (late); 3rd due 1 April 2026 (6 months after 1 October).
        var view = View(PeriodStarted(D(2025, 6, 2)), new IroAllocated(D(2025, 6, 4), "IRO-17", "North"),
            new ReviewHeld(D(2025, 10, 1), "PN2"), new ReviewHeld(D(2025, 6, 30), "PN1"));
        Assert.Equal(
            [
                new ReviewLine(D(2025, 6, 30), "PN1", ReviewPlacing.InPeriodOfCare, 1, D(2025, 6, 30), true, false, false, "IRO-17", "North"),
                new ReviewLine(D(2025, 10, 1), "PN2", ReviewPlacing.InPeriodOfCare, 2, D(2025, 9, 30), false, false, false, "IRO-17", "North"),
            ],
            view.Reviews);
        Assert.Equal(D(2026, 4, 1), view.NextDue);
        Assert.Equal(3, view.NextNumber);
    }

    [Fact]
    public void a_placement_move_is_not_recorded_so_the_clock_runs_on()
    {
        // The Reviews stream has no event for PlacementChanged: a move on 20 June 2025 leaves the first review due 30 June.
        Assert.Equal(D(2025, 6, 30), View(PeriodStarted(D(2025, 6, 2))).NextDue);
    }

    [Fact]
    public void a_review_posted_before_its_care_period_message_is_placed_when_the_message_arrives()
    {
        var awaiting = View(new ReviewHeld(D(2025, 6, 27), "PN1"));
        Assert.Equal(ReviewPlacing.AwaitingCarePeriod, awaiting.Reviews.Single().Placing);
        Assert.False(awaiting.Reviews.Single().OnTime);

        var placed = View(new ReviewHeld(D(2025, 6, 27), "PN1"), PeriodStarted(D(2025, 6, 2)));
        Assert.Equal(new ReviewLine(D(2025, 6, 27), "PN1", ReviewPlacing.InPeriodOfCare, 1, D(2025, 6, 30), true, false, false, null, null),
            placed.Reviews.Single());
    }

    [Fact]
    public void a_review_whose_care_period_turns_out_to_start_later_is_shown_outside_a_period_of_care()
    {
        var view = View(new ReviewHeld(D(2025, 6, 1), "PN1"), PeriodStarted(D(2025, 6, 2)));
        var line = view.Reviews.Single();
        Assert.Equal(ReviewPlacing.OutsidePeriodOfCare, line.Placing);
        Assert.False(line.OnTime);
        Assert.Null(line.Due);
        // The period's own first review is still due.
        Assert.Equal(D(2025, 6, 30), view.NextDue);
    }

    [Fact]
    public void a_review_accepted_in_an_open_period_that_then_ended_earlier_is_no_longer_in_it()
    {
        // Recorded on 20 August while the period looked open; the end message says care ended on 15 August.
        var view = View(PeriodStarted(D(2025, 6, 2)), new ReviewHeld(D(2025, 6, 30), "PN1"), new ReviewHeld(D(2025, 8, 20), "PN1"),
            PeriodEnded(D(2025, 6, 2), D(2025, 8, 15)));
        Assert.Equal(ReviewPlacing.AwaitingCarePeriod, view.Reviews[1].Placing);
        // A new period from 1 September does not contain it either: outside.
        var later = View(PeriodStarted(D(2025, 6, 2)), new ReviewHeld(D(2025, 6, 30), "PN1"), new ReviewHeld(D(2025, 8, 20), "PN1"),
            PeriodEnded(D(2025, 6, 2), D(2025, 8, 15)), PeriodStarted(D(2025, 9, 1)));
        Assert.Equal(ReviewPlacing.OutsidePeriodOfCare, later.Reviews[1].Placing);
    }

    [Fact]
    public void a_child_whose_care_ended_before_the_review_was_due_has_no_next_due_date()
    {
        // First due 30 June 2025; care ended 20 June.
        var view = View(PeriodStarted(D(2025, 6, 2)), PeriodEnded(D(2025, 6, 2), D(2025, 6, 20)));
        Assert.Null(view.NextDue);
        Assert.Empty(view.MissedDueDates);
    }

    [Fact]
    public void a_period_that_ended_after_a_review_fell_due_without_one_shows_it_missed()
    {
        var view = View(PeriodStarted(D(2025, 6, 2)), PeriodEnded(D(2025, 6, 2), D(2025, 7, 10)));
        Assert.Null(view.NextDue);
        Assert.Equal([D(2025, 6, 30)], view.MissedDueDates);
    }

    [Fact]
    public void a_short_break_child_follows_the_regulation_48_clock()
    {
        // V3 break from 3 March 2025: first review due 3 June 2025.
        var view = View(PeriodStarted(D(2025, 3, 3), legalStatus: "V3"));
        Assert.Equal(D(2025, 6, 3), view.NextDue);
        Assert.True(view.NextIsShortBreak);
    }
}
