using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CareTracking.Contracts.Placements;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Health;

namespace CareTracking.Health.Children;

/// <summary>Where a date stands against the child's known periods of care (the same reading as the Reviews
/// service's, so a fact is held or refused by the same rule).</summary>
public enum CareStanding
{
    /// <summary>A known period of care contains the date.</summary>
    LookedAfter,

    /// <summary>No known period contains the date, but one that has not been announced yet could: no period is
    /// known, or the date is on or after the end of the latest one.</summary>
    AwaitingCarePeriod,

    /// <summary>The date is before the latest known period ended and in none of the known periods.</summary>
    NotLookedAfter,
}

/// <summary>
/// What the Health service knows of one child: the periods of care and date of birth Placements announced, and
/// every health fact, each list in date order.
/// </summary>
public sealed record HealthChild(
    ImmutableList<CareNote> CareNotes,
    ImmutableList<CarePeriod> Periods,
    DateOnly? DateOfBirth,
    ImmutableHashSet<Guid> NotedMessages,
    ImmutableList<AssessmentRequest> AssessmentRequests,
    ImmutableList<HealthAssessment> Assessments,
    ImmutableList<ImmunisationCheck> Immunisations,
    ImmutableList<DateOnly> DentalChecks,
    ImmutableList<DateOnly> DevelopmentChecks,
    ImmutableList<SdqResult> Sdqs,
    ImmutableList<SubstanceMisuseIdentification> SubstanceMisuse,
    ImmutableList<DateOnly> Convictions,
    ImmutableList<DateOnly> HealthPassports)
{
    public static HealthChild Initial { get; } = new([], [], null, [], [], [], [], [], [], [], [], [], []);

    public CareStanding StandingOn(DateOnly date)
    {
        if (Periods.Any(p => p.Contains(date))) return CareStanding.LookedAfter;
        var latest = Periods.LastOrDefault();
        return latest is null || (latest.End is { } end && date >= end)
            ? CareStanding.AwaitingCarePeriod
            : CareStanding.NotLookedAfter;
    }

    /// <summary>The period of care containing the date, if known.</summary>
    public CarePeriod? PeriodOn(DateOnly date) => Periods.LastOrDefault(p => p.Contains(date));

    /// <summary>The recorded facts as the OC2 and schedule calculations take them.</summary>
    [JsonIgnore]
    public HealthFacts Facts => new(AssessmentRequests, Assessments, Immunisations, DentalChecks, DevelopmentChecks, Sdqs, SubstanceMisuse, Convictions);

    /// <summary>The assessment due next as at the date (see <see cref="HealthAssessmentSchedule"/>); none when the
    /// child is not looked after that day, or is on a short break.</summary>
    public HealthAssessmentDue? DueAt(DateOnly asAt, WorkingDays workingDays) =>
        HealthAssessmentSchedule.DueAt(Periods.Select(p => p.ToPeriodOfCare()), DateOfBirth, Assessments, asAt, workingDays);

    /// <summary>The child's OC2 row for the collection year; none when not looked after continuously for the
    /// 12 months to its 31 March.</summary>
    public Oc2Row? Oc2For(CollectionYear year) => Oc2.For(Periods.Select(p => p.ToPeriodOfCare()), DateOfBirth, Facts, year);

    public static HealthChild Evolve(HealthChild state, HealthEvent @event) => @event switch
    {
        CarePeriodNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Started, e.StartDate, null, e.LegalStatus, e.DateOfBirth, e.SourceVersion)),
        CarePeriodEndNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Ended, e.StartDate, e.EndDate, null, null, e.SourceVersion)),
        CarePeriodReopenNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Reopened, e.StartDate, e.RetractedEndDate, e.LegalStatus, null, e.SourceVersion)),
        CarePeriodWithdrawalNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Withdrawn, e.StartDate, null, null, null, e.SourceVersion)),
        HealthAssessmentRequested e => state with
        {
            AssessmentRequests = Insert(state.AssessmentRequests, new AssessmentRequest(e.RequestedOn, e.Kind), r => r.RequestedOn <= e.RequestedOn),
        },
        HealthAssessmentCarriedOut e => state with
        {
            Assessments = Insert(state.Assessments, new HealthAssessment(e.Date, e.Kind), a => a.Date <= e.Date),
        },
        ImmunisationsChecked e => state with
        {
            Immunisations = Insert(state.Immunisations, new ImmunisationCheck(e.Date, e.UpToDate), i => i.Date <= e.Date),
        },
        DentalCheckDone e => state with { DentalChecks = Insert(state.DentalChecks, e.Date, d => d <= e.Date) },
        DevelopmentCheckDone e => state with { DevelopmentChecks = Insert(state.DevelopmentChecks, e.Date, d => d <= e.Date) },
        SdqRecorded e => state with { Sdqs = Insert(state.Sdqs, new SdqResult(e.Date, e.Score, e.Reason), s => s.Date <= e.Date) },
        SubstanceMisuseIdentified e => state with
        {
            SubstanceMisuse = Insert(state.SubstanceMisuse, new SubstanceMisuseIdentification(e.Date, e.InterventionOffered, e.InterventionReceived), s => s.Date <= e.Date),
        },
        ConvictionRecorded e => state with { Convictions = Insert(state.Convictions, e.Date, d => d <= e.Date) },
        HealthPassportGiven e => state with { HealthPassports = Insert(state.HealthPassports, e.Date, d => d <= e.Date) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Not an event of the Health child stream."),
    };

    public static HealthChild Fold(IEnumerable<HealthEvent> events) => events.Aggregate(Initial, Evolve);

    private static HealthChild Noted(HealthChild state, Guid sourceEventId, CareNote note)
    {
        var notes = PlacementsOrder.Insert(state.CareNotes, note);
        return state with
        {
            CareNotes = notes,
            Periods = CarePeriods.Of(notes),
            DateOfBirth = CarePeriods.DateOfBirthIn(notes),
            NotedMessages = state.NotedMessages.Add(sourceEventId),
        };
    }

    // Inserts after the last item that comes before (or on the same date as) the new one, keeping date order.
    private static ImmutableList<T> Insert<T>(ImmutableList<T> items, T item, Predicate<T> comesBefore) =>
        items.Insert(items.FindLastIndex(comesBefore) + 1, item);
}
