using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Health.Children.GivingHealthPassports;

/// <summary>Record that the young person was given their health passport on <see cref="Date"/>
/// (<see cref="HealthPassportGiven"/>). It is given as they prepare to leave care or after they have left, so the
/// date need not fall in a period of care; it must not come before the child's first known period of care.
/// Recording it again changes nothing.</summary>
public sealed record GiveHealthPassport(DateOnly Date)
{
    private const string Fact = "health-passport";

    public static IReadOnlyList<HealthEvent> Decide(GiveHealthPassport command, HealthChild state, DateTimeOffset now)
    {
        if (state.HealthPassports.Contains(command.Date)) return [];
        HealthRules.RequireDated(state, Fact, "date", command.Date, now);
        if (state.Periods.Count > 0 && state.Periods[0].Start > command.Date)
            throw new RuleViolation("date", $"{Fact}.before-care",
                "A health passport is for a child who is or has been looked after; this date is before the first period of care.");
        return [new HealthPassportGiven(command.Date)];
    }
}
