using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CareTracking.Contracts.Placements;
using CareTracking.Ssda903.CareLeavers;
using CareTracking.Ssda903.Codes;

namespace CareTracking.LeavingCare.CareLeavers;

/// <summary>
/// What the Leaving-care service knows of one young person: the periods of care and date of birth Placements
/// announced, and the leaving-care facts, each list in date order.
/// </summary>
public sealed record CareLeaver(
    ImmutableList<CareNote> CareNotes,
    ImmutableList<CarePeriod> Periods,
    DateOnly? DateOfBirth,
    ImmutableHashSet<Guid> NotedMessages,
    ImmutableList<PersonalAdviserAllocation> PersonalAdvisers,
    ImmutableList<CareLeaverContact> Contacts,
    ImmutableList<LivingArrangement> StayingPut,
    ImmutableList<LivingArrangement> SupportedLodgings,
    ImmutableList<DateOnly> PathwayPlanReviews)
{
    public static CareLeaver Initial { get; } = new([], [], null, [], [], [], [], [], []);

    [JsonIgnore]
    public IEnumerable<CareHistoryPeriod> History => Periods.Select(p => p.ToHistoryPeriod());

    /// <summary>Eligible, relevant, former relevant, qualifying, or none, as at the date; none while the date of
    /// birth is unknown (<see cref="CareLeaverEligibility"/>).</summary>
    public CareLeaverStatus? StatusOn(DateOnly date) =>
        DateOfBirth is { } born ? CareLeaverEligibility.On(History, born, date) : null;

    [JsonIgnore]
    public CareLeaverFacts Facts => new(Contacts, PersonalAdvisers, StayingPut, SupportedLodgings, PathwayPlanReviews);

    /// <summary>The young person's OC3 row for the collection year, or none when not in its cohort.</summary>
    public Oc3Row? Oc3For(CollectionYear year) =>
        DateOfBirth is { } born ? Oc3.RowFor(History, born, Contacts, year) : null;

    public PersonalAdviserAllocation? PersonalAdviserOn(DateOnly date) => PersonalAdvisers.LastOrDefault(a => a.Date <= date);

    public static CareLeaver Evolve(CareLeaver state, CareLeaverEvent @event) => @event switch
    {
        CarePeriodNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Started, e.StartDate, null, e.LegalStatus, null, e.DateOfBirth, e.SourceVersion)),
        CarePeriodEndNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Ended, e.StartDate, e.EndDate, null, e.ReasonEnded, null, e.SourceVersion)),
        CarePeriodReopenNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Reopened, e.StartDate, e.RetractedEndDate, e.LegalStatus, null, null, e.SourceVersion)),
        CarePeriodWithdrawalNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Withdrawn, e.StartDate, null, null, null, null, e.SourceVersion)),
        PersonalAdviserAllocated e => state with
        {
            PersonalAdvisers = Insert(state.PersonalAdvisers, new PersonalAdviserAllocation(e.Date, e.AdviserId), a => a.Date <= e.Date),
        },
        ContactRecorded e => state with
        {
            Contacts = Insert(state.Contacts, new CareLeaverContact(e.Date, e.InTouch, e.Activity, e.Accommodation), c => c.Date <= e.Date),
        },
        StayingPutRecorded e => state with { StayingPut = Arranged(state.StayingPut, new LivingArrangement(e.From, e.To)) },
        SupportedLodgingsRecorded e => state with { SupportedLodgings = Arranged(state.SupportedLodgings, new LivingArrangement(e.From, e.To)) },
        PathwayPlanReviewed e => state with { PathwayPlanReviews = Insert(state.PathwayPlanReviews, e.Date, d => d <= e.Date) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Not an event of the Leaving-care stream."),
    };

    public static CareLeaver Fold(IEnumerable<CareLeaverEvent> events) => events.Aggregate(Initial, Evolve);

    private static CareLeaver Noted(CareLeaver state, Guid sourceEventId, CareNote note)
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

    // An arrangement is named by its start: a later record for the same start replaces the earlier one.
    private static ImmutableList<LivingArrangement> Arranged(ImmutableList<LivingArrangement> arrangements, LivingArrangement arrangement) =>
        Insert(arrangements.RemoveAll(a => a.From == arrangement.From), arrangement, a => a.From < arrangement.From);

    private static ImmutableList<T> Insert<T>(ImmutableList<T> items, T item, Predicate<T> comesBefore) =>
        items.Insert(items.FindLastIndex(comesBefore) + 1, item);
}
