namespace CareTracking.Health.Children.DoingChecks;

/// <summary>Record a dental check on <see cref="Date"/>. Recording it again changes nothing.</summary>
public sealed record DoDentalCheck(DateOnly Date)
{
    private const string Fact = "dental-check";

    public static IReadOnlyList<HealthEvent> Decide(DoDentalCheck command, HealthChild state, DateTimeOffset now)
    {
        if (state.DentalChecks.Contains(command.Date)) return [];
        HealthRules.RequireDatedInCare(state, Fact, "date", command.Date, now);
        return [new DentalCheckDone(command.Date)];
    }
}
