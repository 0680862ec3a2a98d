using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Health.Children.RecordingConvictions;

/// <summary>Record a conviction, final warning or reprimand (youth caution) on <see cref="Date"/>. The age of
/// criminal responsibility in England is 10, and the 903 asks CONVICTED only of children 10 or over (rules
/// 542/543), so a child under 10 on the date is refused. Recording it again changes nothing.</summary>
public sealed record RecordConviction(DateOnly Date)
{
    private const string Fact = "conviction";

    public const int AgeOfCriminalResponsibility = 10;

    public static IReadOnlyList<HealthEvent> Decide(RecordConviction command, HealthChild state, DateTimeOffset now)
    {
        if (state.Convictions.Contains(command.Date)) return [];
        HealthRules.RequireDatedInCare(state, Fact, "date", command.Date, now);
        if (HealthRules.AgeOn(state, command.Date) < AgeOfCriminalResponsibility)
            throw new RuleViolation("date", $"{Fact}.under-10",
                "A child under 10 on the date cannot be convicted or cautioned in England.");
        return [new ConvictionRecorded(command.Date)];
    }
}
