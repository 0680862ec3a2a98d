namespace CareTracking.LeavingCare.CareLeavers.ReviewingPathwayPlans;

/// <summary>Record a review of the young person's pathway plan on <see cref="Date"/>. Recording it again changes
/// nothing.</summary>
public sealed record ReviewPathwayPlan(DateOnly Date)
{
    private const string Fact = "pathway-plan-review";

    public static IReadOnlyList<CareLeaverEvent> Decide(ReviewPathwayPlan command, CareLeaver state, DateTimeOffset now)
    {
        if (state.PathwayPlanReviews.Contains(command.Date)) return [];
        CareLeaverRules.RequireDated(state, Fact, "date", command.Date, now);
        CareLeaverRules.RequireCareLeaverOrAwaiting(state, Fact, "date", command.Date);
        return [new PathwayPlanReviewed(command.Date)];
    }
}
