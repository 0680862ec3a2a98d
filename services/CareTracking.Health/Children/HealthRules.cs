using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Health;

namespace CareTracking.Health.Children;

/// <summary>
/// The rules every dated health fact meets, shared by the commands. Each rule id starts with the fact's name
/// (<c>sdq.in-future</c>), so a client can tell which post broke which rule.
/// </summary>
/// <remarks>
/// Care-period messages from Placements can lag the HTTP request by seconds, so, as in the Reviews and Missing
/// episodes services, a date that no known period of care contains is accepted when a period that has not been
/// announced yet could contain it (<see cref="CareStanding.AwaitingCarePeriod"/>): the fact is kept, never lost,
/// and placed when the message arrives. A date the known periods already rule out is refused. The age rules need
/// the date of birth, which comes with the care-period message; before the first one arrives they cannot be
/// checked, and the fact is accepted.
/// </remarks>
internal static class HealthRules
{
    /// <summary>Not after today in England, not before birth, and within a period of care (or one that may not
    /// have been announced yet).</summary>
    public static void RequireDatedInCare(HealthChild child, string fact, string field, DateOnly date, DateTimeOffset now)
    {
        RequireDated(child, fact, field, date, now);
        if (child.StandingOn(date) == CareStanding.NotLookedAfter)
            throw new RuleViolation(field, $"{fact}.not-looked-after",
                "The child was not looked after on that date; this can only be recorded within a period of care.");
    }

    /// <summary>Not after today in England and not before birth.</summary>
    public static void RequireDated(HealthChild child, string fact, string field, DateOnly date, DateTimeOffset now)
    {
        if (date > UkLocalDate.Of(now))
            throw new RuleViolation(field, $"{fact}.in-future", "This cannot be dated after today.");
        if (child.DateOfBirth is { } born && date < born)
            throw new RuleViolation(field, $"{fact}.before-birth", "This cannot be dated before the child's date of birth.");
    }

    /// <summary>Age in whole years on the date, when the date of birth is known.</summary>
    public static int? AgeOn(HealthChild child, DateOnly date) =>
        child.DateOfBirth is { } born ? Age.InWholeYears(born, date) : null;

    public static AssessmentKind RequireKind(string? kind) => kind switch
    {
        "initial" => AssessmentKind.Initial,
        "review" => AssessmentKind.Review,
        _ => throw new RuleViolation("kind", "health-assessment.kind", "Kind must be \"initial\" or \"review\"."),
    };

    public static bool Required(bool? value, string field, string fact) =>
        value ?? throw new RuleViolation(field, $"{fact}.{field}-required", $"{field} must be true or false.");

    public static RuleViolation AlreadyRecorded(string fact, string field) =>
        new(field, $"{fact}.already-recorded",
            "Something different is already recorded for this child on this date; one record a day stands.");
}
