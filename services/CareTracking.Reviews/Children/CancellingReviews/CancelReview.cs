using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Reviews.Children.CancellingReviews;

/// <summary>Withdraw the review recorded on <see cref="ReviewDate"/>, recorded in error (no review was held).</summary>
public sealed record CancelReview(DateOnly ReviewDate, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(CancelReview command, Child state, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw new RuleViolation("reason", "review.reason-required", "Say why the review is cancelled.");
        if (state.ReviewOn(command.ReviewDate) is not null)
            return [new ReviewCancelled(command.ReviewDate, command.Reason.Trim())];
        if (state.CancelledReviewDates.Contains(command.ReviewDate)) return [];
        throw new RuleViolation("reviewDate", "review.not-found", "No review is recorded on this date.");
    }
}
