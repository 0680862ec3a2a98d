using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.LeavingCare.CareLeavers.AllocatingAdvisers;

/// <summary>Allocate a personal adviser from <see cref="Date"/> (Children Act 1989 s23D; every eligible, relevant
/// and former relevant young person has one). One allocation a day; the same again changes nothing.</summary>
public sealed record AllocatePersonalAdviser(DateOnly Date, string? AdviserId)
{
    private const string Fact = "personal-adviser";

    public static IReadOnlyList<CareLeaverEvent> Decide(AllocatePersonalAdviser command, CareLeaver state, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.AdviserId))
            throw new RuleViolation("adviserId", $"{Fact}.adviser-id-required", "Name the personal adviser by their id.");
        if (state.PersonalAdvisers.Find(a => a.Date == command.Date) is { } existing)
            return existing.AdviserId == command.AdviserId ? [] : throw CareLeaverRules.AlreadyRecorded(Fact, "date");
        CareLeaverRules.RequireDated(state, Fact, "date", command.Date, now);
        CareLeaverRules.RequireCareLeaverOrAwaiting(state, Fact, "date", command.Date);
        return [new PersonalAdviserAllocated(command.Date, command.AdviserId)];
    }
}
