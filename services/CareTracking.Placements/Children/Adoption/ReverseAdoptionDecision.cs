namespace CareTracking.Placements.Children.Adoption;

/// <summary>The open decision no longer applies.</summary>
public sealed record ReverseAdoptionDecision(DateOnly Date, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(ReverseAdoptionDecision command, Child state, DateTimeOffset now)
    {
        var reversed = new AdoptionDecisionReversed(command.Date, command.Reason);
        if (state.AlreadyRecorded(reversed)) return [];
        AdoptionRules.RequireReversalReason(command.Reason);
        return AdoptionFacts.Record(reversed, state, now, "date");
    }
}
