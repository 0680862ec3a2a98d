using CareTracking.EventStore;
using CareTracking.Ssda903.Health;

namespace CareTracking.Health.Children;

// The Health stream of one child (the stream id names the child). The care-period events copy what Placements
// announced, as the Reviews stream does, so that the schedule and the OC2 cohort are rebuilt from this stream
// alone. Dates are UK local dates. SourceEventId is the Placements event a care-period message announced (a
// redelivery is noted once); SourceVersion is its version in the child's Placements stream, by which the
// periods are folded in Placements' order whatever order the messages arrived in.

/// <summary>An event of a child's Health stream; the hierarchy is closed to this assembly.</summary>
public abstract record HealthEvent
{
    private protected HealthEvent() { }
}

/// <summary>Placements announced that a period of care began (903 RNE = S). The date of birth is kept for the
/// age rules and must not be logged.</summary>
[EventType("health.care-period-noted", 1)]
public sealed record CarePeriodNoted(DateOnly StartDate, string LegalStatus, DateOnly DateOfBirth, Guid SourceEventId, long? SourceVersion = null) : HealthEvent;

/// <summary>Placements announced that the period of care starting on <see cref="StartDate"/> ended (903 REC
/// other than X1); the child is not looked after from <see cref="EndDate"/>.</summary>
[EventType("health.care-period-end-noted", 1)]
public sealed record CarePeriodEndNoted(DateOnly StartDate, DateOnly EndDate, string ReasonEnded, Guid SourceEventId, long? SourceVersion = null) : HealthEvent;

/// <summary>Placements retracted the ending on <see cref="RetractedEndDate"/>: the period is open again.</summary>
[EventType("health.care-period-reopen-noted", 1)]
public sealed record CarePeriodReopenNoted(DateOnly StartDate, DateOnly RetractedEndDate, string LegalStatus, Guid SourceEventId, long? SourceVersion = null) : HealthEvent;

/// <summary>Placements retracted the entry into care on <see cref="StartDate"/>: the period never happened.</summary>
[EventType("health.care-period-withdrawal-noted", 1)]
public sealed record CarePeriodWithdrawalNoted(DateOnly StartDate, Guid SourceEventId, long? SourceVersion = null) : HealthEvent;

/// <summary>The authority asked the health provider for an assessment on <see cref="RequestedOn"/> (the
/// request the statutory guidance wants made promptly on entry to care; the committee counts 48 hours).</summary>
[EventType("health.assessment-requested", 1)]
public sealed record HealthAssessmentRequested(DateOnly RequestedOn, AssessmentKind Kind) : HealthEvent;

/// <summary>A statutory health assessment was carried out on <see cref="Date"/>.</summary>
[EventType("health.assessment-carried-out", 1)]
public sealed record HealthAssessmentCarriedOut(DateOnly Date, AssessmentKind Kind) : HealthEvent;

/// <summary>The child's immunisations were checked on <see cref="Date"/>: up to date or not (903 OC2
/// IMMUNISATIONS).</summary>
[EventType("health.immunisations-checked", 1)]
public sealed record ImmunisationsChecked(DateOnly Date, bool UpToDate) : HealthEvent;

/// <summary>A dental check on <see cref="Date"/> (903 OC2 TEETH_CHECK).</summary>
[EventType("health.dental-check-done", 1)]
public sealed record DentalCheckDone(DateOnly Date) : HealthEvent;

/// <summary>A development assessment of a child under 5 on <see cref="Date"/> (903 OC2 HEALTH_CHECK).</summary>
[EventType("health.development-check-done", 1)]
public sealed record DevelopmentCheckDone(DateOnly Date) : HealthEvent;

/// <summary>A Strengths and Difficulties Questionnaire on <see cref="Date"/>: a total difficulties score
/// (0–40), or the 903 SDQ_REASON (SDQ1–SDQ5) why there is none. Exactly one of the two is set.</summary>
[EventType("health.sdq-recorded", 1)]
public sealed record SdqRecorded(DateOnly Date, int? Score, string? Reason) : HealthEvent;

/// <summary>A substance misuse problem was identified on <see cref="Date"/>, with whether an intervention
/// was offered and received (903 OC2 SUBSTANCE_MISUSE, INTERVENTION_OFFERED, INTERVENTION_RECEIVED).</summary>
[EventType("health.substance-misuse-identified", 1)]
public sealed record SubstanceMisuseIdentified(DateOnly Date, bool InterventionOffered, bool InterventionReceived) : HealthEvent;

/// <summary>The child was convicted, or given a final warning or reprimand / youth caution, on
/// <see cref="Date"/> (903 OC2 CONVICTED).</summary>
[EventType("health.conviction-recorded", 1)]
public sealed record ConvictionRecorded(DateOnly Date) : HealthEvent;

/// <summary>The young person was given their health passport (the care leaver's summary of their health
/// history) on <see cref="Date"/>.</summary>
[EventType("health.health-passport-given", 1)]
public sealed record HealthPassportGiven(DateOnly Date) : HealthEvent;
