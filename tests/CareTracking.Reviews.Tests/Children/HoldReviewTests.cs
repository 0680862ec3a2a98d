using CareTracking.Reviews.Children;
using CareTracking.Reviews.Children.HoldingReviews;
using CareTracking.Ssda903.Calendar;
using static CareTracking.Reviews.Tests.Children.ChildSpec;

namespace CareTracking.Reviews.Tests.Children;

public class HoldReviewTests
{
    private static readonly CarePeriodNoted FromJune = PeriodStarted(D(2025, 6, 2));

    [Fact]
    public void a_review_within_a_period_of_care_is_held() =>
        Then(HoldReview.Decide(new(D(2025, 6, 30), "PN1"), Given(FromJune), Now), new ReviewHeld(D(2025, 6, 30), "PN1"));

    [Fact]
    public void recording_the_same_review_again_gives_no_events() =>
        Then(HoldReview.Decide(new(D(2025, 6, 30), "PN1"), Given(FromJune, new ReviewHeld(D(2025, 6, 30), "PN1")), Now));

    [Fact]
    public void a_second_review_on_the_same_date_is_refused() =>
        ThenViolates(() => HoldReview.Decide(new(D(2025, 6, 30), "PN2"), Given(FromJune, new ReviewHeld(D(2025, 6, 30), "PN1")), Now),
            "date", "review.already-recorded");

    [Fact]
    public void a_participation_code_outside_pn0_to_pn7_is_refused() =>
        ThenViolates(() => HoldReview.Decide(new(D(2025, 6, 30), "PN8"), Given(FromJune), Now), "participation", "review.participation-code");

    [Fact]
    public void a_review_dated_tomorrow_in_england_is_refused_and_today_in_england_is_accepted()
    {
        // 23:30 UTC on 30 June 2025 is 00:30 BST on 1 July: 1 July is today, 2 July is the future.
        var now = new DateTimeOffset(2025, 6, 30, 23, 30, 0, TimeSpan.Zero);
        Then(HoldReview.Decide(new(D(2025, 7, 1), "PN1"), Given(FromJune), now), new ReviewHeld(D(2025, 7, 1), "PN1"));
        ThenViolates(() => HoldReview.Decide(new(D(2025, 7, 2), "PN1"), Given(FromJune), now), "date", "review.in-future");
    }

    [Fact]
    public void a_review_before_the_period_of_care_began_is_refused() =>
        ThenViolates(() => HoldReview.Decide(new(D(2025, 6, 1), "PN1"), Given(FromJune), Now), "date", "review.not-looked-after");

    [Fact]
    public void a_review_between_two_periods_of_care_is_refused()
    {
        // Period 1: 2 June to 1 September 2025; period 2 from 6 October. 1 September itself is not looked after.
        var child = Given(FromJune, PeriodEnded(D(2025, 6, 2), D(2025, 9, 1)), PeriodStarted(D(2025, 10, 6)));
        ThenViolates(() => HoldReview.Decide(new(D(2025, 9, 1), "PN1"), child, Now), "date", "review.not-looked-after");
        ThenViolates(() => HoldReview.Decide(new(D(2025, 10, 5), "PN1"), child, Now), "date", "review.not-looked-after");
    }

    [Fact]
    public void a_review_posted_before_any_care_period_message_is_accepted_to_await_it() =>
        Then(HoldReview.Decide(new(D(2025, 11, 28), "PN1"), Given(), Now), new ReviewHeld(D(2025, 11, 28), "PN1"));

    [Fact]
    public void a_review_after_the_latest_period_ended_is_accepted_to_await_a_new_period()
    {
        var child = Given(FromJune, PeriodEnded(D(2025, 6, 2), D(2025, 9, 1)));
        Then(HoldReview.Decide(new(D(2025, 11, 28), "PN1"), child, Now), new ReviewHeld(D(2025, 11, 28), "PN1"));
        Assert.Equal(CareStanding.AwaitingCarePeriod, child.StandingOn(D(2025, 11, 28)));
    }

    [Fact]
    public void pn0_is_accepted_the_day_before_the_fourth_birthday_and_refused_on_it()
    {
        // Born 10 May 2021: under 4 on 9 May 2025, 4 on 10 May 2025.
        var child = Given(PeriodStarted(D(2025, 3, 3), born: D(2021, 5, 10)));
        Then(HoldReview.Decide(new(D(2025, 5, 9), "PN0"), child, Now), new ReviewHeld(D(2025, 5, 9), "PN0"));
        ThenViolates(() => HoldReview.Decide(new(D(2025, 5, 10), "PN0"), child, Now), "participation", "review.participation-4-or-over");
    }

    [Fact]
    public void a_child_under_4_must_be_recorded_as_pn0()
    {
        var child = Given(PeriodStarted(D(2025, 3, 3), born: D(2021, 5, 10)));
        ThenViolates(() => HoldReview.Decide(new(D(2025, 5, 9), "PN1"), child, Now), "participation", "review.participation-under-4");
        Then(HoldReview.Decide(new(D(2025, 5, 10), "PN1"), child, Now), new ReviewHeld(D(2025, 5, 10), "PN1"));
    }

    [Fact]
    public void the_age_rule_cannot_be_checked_before_the_date_of_birth_arrives_and_is_flagged_once_it_does()
    {
        // PN0 accepted while awaiting the care-period message; the child turns out to be 10.
        var events = HoldReview.Decide(new(D(2025, 6, 20), "PN0"), Given(), Now);
        Then(events, new ReviewHeld(D(2025, 6, 20), "PN0"));
        var view = ChildReviewsView.Of(Given([.. events, FromJune]), WorkingDays.England);
        Assert.True(view.Reviews.Single().ParticipationConflictsWithAge);
    }

    [Fact]
    public void a_short_break_child_can_have_reviews_recorded()
    {
        var child = Given(PeriodStarted(D(2025, 3, 3), legalStatus: "V4"));
        Then(HoldReview.Decide(new(D(2025, 6, 2), "PN1"), child, Now), new ReviewHeld(D(2025, 6, 2), "PN1"));
    }

    [Fact]
    public void a_cancelled_date_can_be_recorded_again()
    {
        var child = Given(FromJune, new ReviewHeld(D(2025, 6, 30), "PN1"), new ReviewCancelled(D(2025, 6, 30), "wrong child"));
        Then(HoldReview.Decide(new(D(2025, 6, 30), "PN1"), child, Now), new ReviewHeld(D(2025, 6, 30), "PN1"));
    }
}
