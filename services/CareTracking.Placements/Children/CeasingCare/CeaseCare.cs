using CareTracking.Ssda903.Codes;

namespace CareTracking.Placements.Children.CeasingCare;

/// <summary>The child ceased to be looked after; <see cref="Reason"/> is the REC that ends the period of care.</summary>
public sealed record CeaseCare(DateOnly Date, string Reason)
{
    public static IReadOnlyList<ChildEvent> Decide(CeaseCare command, Child state, DateTimeOffset now)
    {
        var ceased = new ChildCeasedCare(command.Date, command.Reason);
        if (state.AlreadyRecorded(ceased)) return [];

        CareRules.RequireNotInFuture(command.Date, now);
        CareRules.RequireNotBeforeBirth(command.Date, state.LatestChildDetails);
        CareRules.RequireCode(CodeList.ReasonEpisodeCeased, command.Reason, command.Date, "reason");

        var candidate = state.Candidate(ceased);
        CareRules.Validate(state.TimelineWith(candidate), candidate, "date");
        return [ceased];
    }
}
