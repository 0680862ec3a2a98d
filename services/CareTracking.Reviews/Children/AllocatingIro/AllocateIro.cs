using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Reviews.Children.AllocatingIro;

/// <summary>Allocate an Independent Reviewing Officer (IRO), who chairs the child's reviews, from
/// <see cref="Date"/>. A later allocation replaces the IRO from its own date.</summary>
public sealed record AllocateIro(DateOnly Date, string IroId, string Team)
{
    public static IReadOnlyList<ChildEvent> Decide(AllocateIro command, Child state, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.IroId))
            throw new RuleViolation("iroId", "iro.id-required", "Say which IRO is allocated.");
        if (string.IsNullOrWhiteSpace(command.Team))
            throw new RuleViolation("team", "iro.team-required", "Say which IRO team the officer belongs to.");
        var iroId = command.IroId.Trim();
        var team = command.Team.Trim();
        if (state.IroAllocations.Contains(new IroAllocation(command.Date, iroId, team))) return [];
        ReviewRules.RequireNotInFuture("date", command.Date, now, "iro.allocation-in-future", "An IRO allocation");
        ReviewRules.RequireLookedAfterOrAwaiting(state, "date", command.Date, "iro.not-looked-after", "an IRO allocation");
        return [new IroAllocated(command.Date, iroId, team)];
    }
}
