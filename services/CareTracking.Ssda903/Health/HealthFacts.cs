using System.Text.Json.Serialization;

namespace CareTracking.Ssda903.Health;

// The health facts of a looked-after child that the 903 OC2 table and the committee's health measures are
// built from. Dates are UK local dates. The Health service records them; the Indicators service reads them.

/// <summary>Initial: the first statutory health assessment after entering care; review: the later ones.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssessmentKind>))]
public enum AssessmentKind
{
    Initial,
    Review,
}

/// <summary>The authority asked the health provider for an assessment on <see cref="RequestedOn"/>.</summary>
public sealed record AssessmentRequest(DateOnly RequestedOn, AssessmentKind Kind);

/// <summary>A statutory health assessment carried out on <see cref="Date"/>.</summary>
public sealed record HealthAssessment(DateOnly Date, AssessmentKind Kind);

/// <summary>The immunisations were checked on <see cref="Date"/> and found up to date, or not.</summary>
public sealed record ImmunisationCheck(DateOnly Date, bool UpToDate);

/// <summary>A Strengths and Difficulties Questionnaire: a total difficulties score (0–40) or the SDQ_REASON
/// (SDQ1–SDQ5) why there is none.</summary>
public sealed record SdqResult(DateOnly Date, int? Score, string? Reason)
{
    /// <summary>SDQ_REASON in words (docs/ssda903.md, "OC2"; the subject-access page shows them).</summary>
    public static IReadOnlyDictionary<string, string> ReasonMeanings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SDQ1"] = "No form returned (child under 4 or over 16 at the latest assessment)",
        ["SDQ2"] = "Carer refused",
        ["SDQ3"] = "Not possible because of the severity of the child's disability",
        ["SDQ4"] = "Other",
        ["SDQ5"] = "The young person refuses",
    };
}

/// <summary>A substance misuse problem identified on <see cref="Date"/>, with whether an intervention was
/// offered and received.</summary>
public sealed record SubstanceMisuseIdentification(DateOnly Date, bool InterventionOffered, bool InterventionReceived);

/// <summary>Everything recorded about one child's health, each list in any order.</summary>
public sealed record HealthFacts(
    IReadOnlyList<AssessmentRequest> AssessmentRequests,
    IReadOnlyList<HealthAssessment> Assessments,
    IReadOnlyList<ImmunisationCheck> Immunisations,
    IReadOnlyList<DateOnly> DentalChecks,
    IReadOnlyList<DateOnly> DevelopmentChecks,
    IReadOnlyList<SdqResult> Sdqs,
    IReadOnlyList<SubstanceMisuseIdentification> SubstanceMisuse,
    IReadOnlyList<DateOnly> Convictions)
{
    public static HealthFacts None { get; } = new([], [], [], [], [], [], [], []);
}
