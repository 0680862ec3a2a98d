using CareTracking.Ssda903.Health;
namespace CareTracking.Health.Children.CarryingOutHealthAssessments;

/// <summary>Record a statutory health assessment (kind "initial" or "review") carried out on
/// <see cref="Date"/>. One assessment a day; the same one again changes nothing.</summary>
public sealed record CarryOutHealthAssessment(DateOnly Date, string? Kind)
{
    private const string Fact = "health-assessment";

    public static IReadOnlyList<HealthEvent> Decide(CarryOutHealthAssessment command, HealthChild state, DateTimeOffset now)
    {
        var kind = HealthRules.RequireKind(command.Kind);
        if (state.Assessments.Find(a => a.Date == command.Date) is { } existing)
            return existing.Kind == kind ? [] : throw HealthRules.AlreadyRecorded(Fact, "date");
        HealthRules.RequireDatedInCare(state, Fact, "date", command.Date, now);
        return [new HealthAssessmentCarriedOut(command.Date, kind)];
    }
}
