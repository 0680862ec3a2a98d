using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children.ChangingLegalStatus;

/// <summary>The legal status changed while the placement stayed the same (RNE L).</summary>
public sealed record ChangeLegalStatus(DateOnly Date, string LegalStatus)
{
    public static IReadOnlyList<ChildEvent> Decide(ChangeLegalStatus command, Child state, DateTimeOffset now)
    {
        var changed = new LegalStatusChanged(command.Date, command.LegalStatus);
        if (state.AlreadyRecorded(changed)) return [];

        CareRules.RequireNotInFuture(command.Date, now);
        CareRules.RequireNotBeforeBirth(command.Date, state.LatestChildDetails);
        CareRules.RequireCode(CodeList.LegalStatus, command.LegalStatus, command.Date, "legalStatus");

        var candidate = state.Candidate(changed);
        CareRules.Validate(state.TimelineWith(candidate), candidate, "date");
        return [changed];
    }
}
