using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Reviews.Children.CorrectingReviews;

/// <summary>Correct the review recorded on <see cref="ReviewDate"/>: it was held on <see cref="Date"/> with
/// participation <see cref="Participation"/>. The corrected review must meet the same rules as a new one.</summary>
public sealed record CorrectReview(DateOnly ReviewDate, DateOnly Date, string Participation, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(CorrectReview command, Child state, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
            throw new RuleViolation("reason", "review.reason-required", "Say why the review is corrected.");
        ReviewRules.RequireParticipationCode(command.Participation);
        var corrected = new RecordedReview(command.Date, command.Participation);
        if (state.ReviewOn(command.ReviewDate) is not { } original)
        {
            // A repeat of a correction already made finds the review at its corrected date.
            if (state.ReviewOn(command.Date) == corrected) return [];
            throw new RuleViolation("reviewDate", "review.not-found", "No review is recorded on this date.");
        }
        if (original == corrected) return [];
        if (command.Date != command.ReviewDate && state.ReviewOn(command.Date) is not null)
            throw new RuleViolation("date", "review.already-recorded", "Another review is already recorded on the corrected date.");
        ReviewRules.RequireNotInFuture("date", command.Date, now, "review.in-future", "A review");
        ReviewRules.RequireLookedAfterOrAwaiting(state, "date", command.Date, "review.not-looked-after", "a review");
        ReviewRules.RequireParticipationFitsAge(state, command.Date, command.Participation);
        return [new ReviewCorrected(command.ReviewDate, command.Date, command.Participation, command.Reason.Trim())];
    }
}
