using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Reviews.Children.HoldingReviews;

/// <summary>Record that a statutory review was held on <see cref="Date"/> (the command is named for its event,
/// <see cref="ReviewHeld"/>), with the child's participation as a 903 REVIEW_CODE. A child has at most one review a
/// day; recording the same review again changes nothing.</summary>
public sealed record HoldReview(DateOnly Date, string Participation)
{
    public static IReadOnlyList<ChildEvent> Decide(HoldReview command, Child state, DateTimeOffset now)
    {
        ReviewRules.RequireParticipationCode(command.Participation);
        if (state.ReviewOn(command.Date) is { } existing)
        {
            if (existing.Participation == command.Participation) return [];
            throw new RuleViolation("date", "review.already-recorded",
                "A review is already recorded on this date; correct it rather than recording it again.");
        }
        ReviewRules.RequireNotInFuture("date", command.Date, now, "review.in-future", "A review");
        ReviewRules.RequireLookedAfterOrAwaiting(state, "date", command.Date, "review.not-looked-after", "a review");
        ReviewRules.RequireParticipationFitsAge(state, command.Date, command.Participation);
        return [new ReviewHeld(command.Date, command.Participation)];
    }
}
