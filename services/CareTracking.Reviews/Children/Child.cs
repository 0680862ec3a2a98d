using System.Collections.Immutable;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Reviews.Children;

/// <summary>A period of care as the Reviews service learnt it from Placements. <see cref="LegalStatus"/> is
/// unknown while only the end has arrived (messages redelivered out of order).</summary>
public sealed record CarePeriod(DateOnly Start, DateOnly? End, string? LegalStatus)
{
    /// <summary>V3/V4: an agreed series of short breaks (regulation 48).</summary>
    public bool IsShortBreak => LegalStatus is "V3" or "V4";

    public bool Contains(DateOnly date) => ToPeriodOfCare().Contains(date);

    public PeriodOfCare ToPeriodOfCare() => new(Start, End, IsShortBreak);
}

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
/// </summary>
public sealed record Child(
    ImmutableList<CarePeriod> Periods,
    ImmutableList<RecordedReview> Reviews,
    ImmutableList<IroAllocation> IroAllocations,
    ImmutableHashSet<DateOnly> CancelledReviewDates,
    ImmutableHashSet<Guid> NotedMessages,
    DateOnly? DateOfBirth)
{
    public static Child Initial { get; } = new([], [], [], [], [], null);

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
        CarePeriodNoted e => state with
        {
            Periods = WithPeriod(state.Periods, e.StartDate, p => p with { LegalStatus = e.LegalStatus }, new CarePeriod(e.StartDate, null, e.LegalStatus)),
            DateOfBirth = e.DateOfBirth,
            NotedMessages = state.NotedMessages.Add(e.SourceEventId),
        },
        CarePeriodEndNoted e => state with
        {
            Periods = WithPeriod(state.Periods, e.StartDate, p => p with { End = e.EndDate }, new CarePeriod(e.StartDate, e.EndDate, null)),
            NotedMessages = state.NotedMessages.Add(e.SourceEventId),
        },
        CarePeriodReopenNoted e => state with
        {
            // Only the ending that was retracted is undone; a later ending already known stands.
            Periods = state.Periods.ConvertAll(p => p.Start == e.StartDate && p.End == e.RetractedEndDate ? p with { End = null } : p),
            NotedMessages = state.NotedMessages.Add(e.SourceEventId),
        },
        CarePeriodWithdrawalNoted e => state with
        {
            Periods = state.Periods.RemoveAll(p => p.Start == e.StartDate),
            NotedMessages = state.NotedMessages.Add(e.SourceEventId),
        },
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

    private static ImmutableList<CarePeriod> WithPeriod(
        ImmutableList<CarePeriod> periods, DateOnly start, Func<CarePeriod, CarePeriod> update, CarePeriod added)
    {
        var index = periods.FindIndex(p => p.Start == start);
        return index >= 0 ? periods.SetItem(index, update(periods[index])) : Insert(periods, added, p => p.Start < start);
    }

    // Inserts after the last item that comes before the new one, keeping the list in order.
    private static ImmutableList<T> Insert<T>(ImmutableList<T> items, T item, Predicate<T> comesBefore)
    {
        var index = items.FindLastIndex(comesBefore);
        return items.Insert(index + 1, item);
    }
}
