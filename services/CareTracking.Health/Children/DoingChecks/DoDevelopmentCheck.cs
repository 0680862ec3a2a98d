using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Health.Children.DoingChecks;

/// <summary>Record a development assessment on <see cref="Date"/>. These are for children under 5 (903 OC2
/// HEALTH_CHECK is only for under-5s, rules 545/546), so a child 5 or over on the date is refused.</summary>
public sealed record DoDevelopmentCheck(DateOnly Date)
{
    private const string Fact = "development-check";

    public static IReadOnlyList<HealthEvent> Decide(DoDevelopmentCheck command, HealthChild state, DateTimeOffset now)
    {
        if (state.DevelopmentChecks.Contains(command.Date)) return [];
        HealthRules.RequireDatedInCare(state, Fact, "date", command.Date, now);
        if (HealthRules.AgeOn(state, command.Date) >= 5)
            throw new RuleViolation("date", $"{Fact}.age-5-or-over",
                "Development checks are recorded for children under 5 on the date; this child was 5 or over.");
        return [new DevelopmentCheckDone(command.Date)];
    }
}
