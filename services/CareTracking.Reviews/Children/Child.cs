using System.Collections.Immutable;
using CareTracking.Contracts.Placements;

namespace CareTracking.Reviews.Children;

public sealed record RecordedReview(DateOnly Date, string Participation);

public sealed record IroAllocation(DateOnly Date, string IroId, string Team);

/// <summary>Where a date stands against the child's known periods of care.</summary>
public enum CareStanding
{
    /// <summary>A known period of care contains the date.</summary>
    LookedAfter,

    /// <summary>No known period contains the date, but a period starting on or before it may not have been
    /// announced yet: no period is known, or the date is on or after the end of the latest one.</summary>
    AwaitingCarePeriod,

    /// <summary>The date falls before the latest known period ended and in none of the known periods.</summary>
    NotLookedAfter,
}

/// <summary>
/// What the Reviews service knows of one child: periods of care (in start order), the reviews that stand
/// (one per date), IRO allocations (in date order) and the date of birth from the care-period messages.
/// <see cref="Periods"/> and <see cref="DateOfBirth"/> follow from <see cref="CareNotes"/>, the care-period
/// messages noted so far in Placements' order (see <see cref="CarePeriods"/>).
/// </summary>
public sealed record Child(
    ImmutableList<CarePeriod> Periods,
    ImmutableList<RecordedReview> Reviews,
    ImmutableList<IroAllocation> IroAllocations,
    ImmutableHashSet<DateOnly> CancelledReviewDates,
    ImmutableHashSet<Guid> NotedMessages,
    DateOnly? DateOfBirth,
    ImmutableList<CareNote> CareNotes)
{
    public static Child Initial { get; } = new([], [], [], [], [], null, []);

    public RecordedReview? ReviewOn(DateOnly date) => Reviews.Find(r => r.Date == date);

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

    /// <summary>The IRO responsible on a date: the latest allocation on or before it.</summary>
    public IroAllocation? IroOn(DateOnly date) => IroAllocations.LastOrDefault(a => a.Date <= date);

    public static Child Evolve(Child state, ChildEvent @event) => @event switch
    {
        CarePeriodNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Started, e.StartDate, null, e.LegalStatus, e.DateOfBirth, e.SourceVersion)),
        CarePeriodEndNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Ended, e.StartDate, e.EndDate, null, null, e.SourceVersion)),
        CarePeriodReopenNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Reopened, e.StartDate, e.RetractedEndDate, e.LegalStatus, null, e.SourceVersion)),
        CarePeriodWithdrawalNoted e => Noted(state, e.SourceEventId,
            new CareNote(CareNoteKind.Withdrawn, e.StartDate, null, null, null, e.SourceVersion)),
        IroAllocated e => state with
        {
            IroAllocations = Insert(state.IroAllocations, new IroAllocation(e.Date, e.IroId, e.Team), a => a.Date <= e.Date),
        },
        ReviewHeld e => state with
        {
            Reviews = Insert(state.Reviews, new RecordedReview(e.Date, e.Participation), r => r.Date < e.Date),
            CancelledReviewDates = state.CancelledReviewDates.Remove(e.Date),
        },
        ReviewCancelled e => state with
        {
            Reviews = state.Reviews.RemoveAll(r => r.Date == e.Date),
            CancelledReviewDates = state.CancelledReviewDates.Add(e.Date),
        },
        ReviewCorrected e => state with
        {
            Reviews = Insert(state.Reviews.RemoveAll(r => r.Date == e.ReviewDate), new RecordedReview(e.Date, e.Participation), r => r.Date < e.Date),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Not an event of the Reviews child stream."),
    };

    public static Child Fold(IEnumerable<ChildEvent> events) => events.Aggregate(Initial, Evolve);

    private static Child Noted(Child state, Guid sourceEventId, CareNote note)
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

    /// <summary>A state read back from a read-model row written before <see cref="CareNotes"/> was kept has none
    /// (JSON without the member gives null); its periods are taken as notes without a Placements version.</summary>
    public Child WithCareNotesFromPeriods() =>
        CareNotes is null ? this with { CareNotes = CarePeriods.NotesOf(Periods, DateOfBirth) } : this;

    // Inserts after the last item that comes before the new one, keeping the list in order.
    private static ImmutableList<T> Insert<T>(ImmutableList<T> items, T item, Predicate<T> comesBefore)
    {
        var index = items.FindLastIndex(comesBefore);
        return items.Insert(index + 1, item);
    }
}
