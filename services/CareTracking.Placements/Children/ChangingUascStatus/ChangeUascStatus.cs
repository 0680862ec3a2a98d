namespace CareTracking.Placements.Children.ChangingUascStatus;

/// <summary>The child became, or stopped being, an unaccompanied asylum-seeking child.</summary>
public sealed record ChangeUascStatus(DateOnly Date, bool Uasc)
{
    public static IReadOnlyList<ChildEvent> Decide(ChangeUascStatus command, Child state, DateTimeOffset now)
    {
        var changed = new UascStatusChanged(command.Date, command.Uasc);
        if (state.AlreadyRecorded(changed)) return [];

        CareRules.RequireNotInFuture(command.Date, now);
        CareRules.RequireNotBeforeBirth(command.Date, state.LatestChildDetails);

        var candidate = state.Candidate(changed);
        CareRules.Validate(state.TimelineWith(candidate), candidate, "date");
        return [changed];
    }
}
