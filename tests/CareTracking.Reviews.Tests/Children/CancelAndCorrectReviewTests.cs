using CareTracking.Reviews.Children;
using CareTracking.Reviews.Children.CancellingReviews;
using CareTracking.Reviews.Children.CorrectingReviews;
using static CareTracking.Reviews.Tests.Children.ChildSpec;

namespace CareTracking.Reviews.Tests.Children;

public class CancelAndCorrectReviewTests
{
    private static readonly Child WithReview = Given(PeriodStarted(D(2025, 6, 2)), new ReviewHeld(D(2025, 6, 30), "PN1"));

    [Fact]
    public void a_review_recorded_in_error_is_cancelled() =>
        Then(CancelReview.Decide(new(D(2025, 6, 30), "recorded against the wrong child"), WithReview, Now),
            new ReviewCancelled(D(2025, 6, 30), "recorded against the wrong child"));

    [Fact]
    public void cancelling_again_gives_no_events()
    {
        var cancelled = Child.Evolve(WithReview, new ReviewCancelled(D(2025, 6, 30), "error"));
        Then(CancelReview.Decide(new(D(2025, 6, 30), "error"), cancelled, Now));
        Assert.Empty(cancelled.Reviews);
    }

    [Fact]
    public void cancelling_a_review_that_was_never_recorded_is_refused() =>
        ThenViolates(() => CancelReview.Decide(new(D(2025, 7, 1), "error"), WithReview, Now), "reviewDate", "review.not-found");

    [Fact]
    public void a_cancellation_needs_a_reason() =>
        ThenViolates(() => CancelReview.Decide(new(D(2025, 6, 30), " "), WithReview, Now), "reason", "review.reason-required");

    [Fact]
    public void a_review_is_corrected_to_another_date_and_participation()
    {
        var events = CorrectReview.Decide(new(D(2025, 6, 30), D(2025, 6, 27), "PN5", "typed the wrong date"), WithReview, Now);
        Then(events, new ReviewCorrected(D(2025, 6, 30), D(2025, 6, 27), "PN5", "typed the wrong date"));
        Assert.Equal([new RecordedReview(D(2025, 6, 27), "PN5")], Child.Evolve(WithReview, events[0]).Reviews);
    }

    [Fact]
    public void repeating_a_correction_gives_no_events()
    {
        var corrected = Child.Evolve(WithReview, new ReviewCorrected(D(2025, 6, 30), D(2025, 6, 27), "PN5", "typo"));
        Then(CorrectReview.Decide(new(D(2025, 6, 30), D(2025, 6, 27), "PN5", "typo"), corrected, Now));
    }

    [Fact]
    public void a_correction_that_changes_nothing_gives_no_events() =>
        Then(CorrectReview.Decide(new(D(2025, 6, 30), D(2025, 6, 30), "PN1", "check"), WithReview, Now));

    [Fact]
    public void correcting_a_review_that_was_never_recorded_is_refused() =>
        ThenViolates(() => CorrectReview.Decide(new(D(2025, 7, 1), D(2025, 7, 2), "PN1", "typo"), WithReview, Now), "reviewDate", "review.not-found");

    [Fact]
    public void a_correction_onto_the_date_of_another_review_is_refused()
    {
        var child = Child.Evolve(WithReview, new ReviewHeld(D(2025, 9, 1), "PN1"));
        ThenViolates(() => CorrectReview.Decide(new(D(2025, 6, 30), D(2025, 9, 1), "PN1", "typo"), child, Now), "date", "review.already-recorded");
    }

    [Fact]
    public void a_correction_into_the_future_is_refused() =>
        ThenViolates(() => CorrectReview.Decide(new(D(2025, 6, 30), D(2025, 12, 2), "PN1", "typo"), WithReview, Now), "date", "review.in-future");

    [Fact]
    public void a_correction_to_before_the_period_of_care_is_refused() =>
        ThenViolates(() => CorrectReview.Decide(new(D(2025, 6, 30), D(2025, 5, 30), "PN1", "typo"), WithReview, Now), "date", "review.not-looked-after");

    [Fact]
    public void a_correction_to_pn0_for_a_child_of_10_is_refused() =>
        ThenViolates(() => CorrectReview.Decide(new(D(2025, 6, 30), D(2025, 6, 30), "PN0", "typo"), WithReview, Now), "participation", "review.participation-4-or-over");

    [Fact]
    public void a_correction_needs_a_reason() =>
        ThenViolates(() => CorrectReview.Decide(new(D(2025, 6, 30), D(2025, 6, 27), "PN1", ""), WithReview, Now), "reason", "review.reason-required");
}
