using CareTracking.Ssda903.Health;
namespace CareTracking.Health.Children.RequestingAssessments;

/// <summary>Record that the authority asked the health provider for an assessment (kind "initial" or "review")
/// on <see cref="RequestedOn"/>. One request of a kind a day; the same request again changes nothing.</summary>
public sealed record RequestHealthAssessment(DateOnly RequestedOn, string? Kind)
{
    private const string Fact = "health-assessment-request";

    public static IReadOnlyList<HealthEvent> Decide(RequestHealthAssessment command, HealthChild state, DateTimeOffset now)
    {
        var kind = HealthRules.RequireKind(command.Kind);
        if (state.AssessmentRequests.Contains(new AssessmentRequest(command.RequestedOn, kind))) return [];
        HealthRules.RequireDatedInCare(state, Fact, "requestedOn", command.RequestedOn, now);
        return [new HealthAssessmentRequested(command.RequestedOn, kind)];
    }
}
