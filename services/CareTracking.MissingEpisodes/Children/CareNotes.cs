using System.Collections.Immutable;
using CareTracking.Contracts.Placements;

namespace CareTracking.MissingEpisodes.Children;

public enum CareNoteKind
{
    /// <summary>CarePeriodStarted.</summary>
    Started,

    /// <summary>CarePeriodEnded.</summary>
    Ended,

    /// <summary>CarePeriodReopened: the ending on <see cref="CareNote.EndDate"/> was retracted.</summary>
    Reopened,

    /// <summary>CarePeriodWithdrawn: the entry into care was retracted.</summary>
    Withdrawn,

    /// <summary>PlacementChanged: the placement's area from <see cref="CareNote.Date"/> on.</summary>
    PlacementChanged,
}

/// <summary>
/// One of Placements' messages as noted in the child's stream, reduced to what the periods, placements and
/// episodes are worked out from. <see cref="Date"/> is the period's start date, or the placement's date for a
/// placement change. <see cref="EndDate"/> is the end (Ended) or the retracted end (Reopened; null on a reopening
/// noted before it was kept, which then undoes any end). <see cref="SourceVersion"/> is the announced event's
/// version in the child's Placements stream, null when the message carried none.
/// </summary>
public sealed record CareNote(
    CareNoteKind Kind,
    DateOnly Date,
    DateOnly? EndDate,
    string? ReasonEnded,
    string? PlacementArea,
    string? Sex,
    DateOnly? DateOfBirth,
    Guid SourceEventId,
    long? SourceVersion) : IPlacementsNote
{
    /// <summary>
    /// Whether Placements, right after publishing this message, had the child in care on the date: a start or a
    /// reopening leaves the period open from its start, an end leaves it from its start up to (not including) the
    /// end date. Each message sets its period to exactly that, whatever came before, so this holds whichever of
    /// the child's other messages have arrived.
    /// </summary>
    public bool SaysInCareOn(DateOnly date) => Kind switch
    {
        CareNoteKind.Started or CareNoteKind.Reopened => Date <= date,
        CareNoteKind.Ended => Date <= date && date < EndDate,
        _ => false,
    };
}

/// <summary>
/// The child's care-period and placement messages in Placements' order, whatever order they arrived in.
/// MassTransit consumes concurrently and redelivers after a failure, so a correction can arrive before the
/// message it corrects, or an end before its start. The notes are kept ordered by <see cref="CareNote.SourceVersion"/>
/// (notes without one, from a Placements that did not stamp it, come first in the order they arrived), and the
/// periods are what applying them in that order gives. The ordering is the one every consumer shares
/// (<see cref="PlacementsOrder"/>); the period rules are this service's and differ from the Reviews service's
/// <c>CarePeriods</c>: here a reopening of a period not heard of adds it as open, and a reopening that names no
/// retracted end undoes any end; Reviews ignores a reopening of a period it does not know and undoes only the end
/// named. Missing also keeps placements and the REC.
/// </summary>
public static class CareNoteOrder
{
    /// <summary>The periods of care, in start order, that the notes give when applied in their order.</summary>
    public static ImmutableList<CarePeriod> PeriodsOf(IEnumerable<CareNote> notes) =>
        notes.Aggregate(ImmutableList<CarePeriod>.Empty, Apply);

    /// <summary>The placements the notes give: each start and move from its date; a withdrawn period's start
    /// placement is forgotten. A later note for the same date replaces an earlier one (latest in the list wins).</summary>
    public static ImmutableList<PlacementFrom> PlacementsOf(IEnumerable<CareNote> notes) =>
        notes.Aggregate(ImmutableList<PlacementFrom>.Empty, (placements, note) => note.Kind switch
        {
            CareNoteKind.Started or CareNoteKind.PlacementChanged => placements.Add(new PlacementFrom(note.Date, note.PlacementArea)),
            CareNoteKind.Withdrawn => placements.RemoveAll(p => p.Date == note.Date),
            _ => placements,
        });

    /// <summary>The latest start in Placements' order: it carries the child's sex and date of birth.</summary>
    public static CareNote? LatestStart(IEnumerable<CareNote> notes) => notes.LastOrDefault(n => n.Kind == CareNoteKind.Started);

    public static ImmutableList<CarePeriod> Apply(ImmutableList<CarePeriod> periods, CareNote note) => note.Kind switch
    {
        // A start keeps an end already applied: an end noted without a version may precede its start.
        CareNoteKind.Started => WithPeriod(periods, note.Date, p => p, new CarePeriod(note.Date, null)),
        CareNoteKind.Ended => WithPeriod(periods, note.Date,
            p => p with { EndDate = note.EndDate, ReasonEnded = note.ReasonEnded }, new CarePeriod(note.Date, note.EndDate, note.ReasonEnded)),
        // Only the ending that was retracted is undone; a different ending stands. A reopening of a period not
        // heard of says it is open.
        CareNoteKind.Reopened => WithPeriod(periods, note.Date,
            p => note.EndDate is null || p.EndDate == note.EndDate ? p with { EndDate = null, ReasonEnded = null } : p,
            new CarePeriod(note.Date, null)),
        CareNoteKind.Withdrawn => periods.RemoveAll(p => p.StartDate == note.Date),
        _ => periods,
    };

    private static ImmutableList<CarePeriod> WithPeriod(
        ImmutableList<CarePeriod> periods, DateOnly start, Func<CarePeriod, CarePeriod> update, CarePeriod added)
    {
        var index = periods.FindIndex(p => p.StartDate == start);
        if (index >= 0) return periods.SetItem(index, update(periods[index]));
        return periods.Insert(periods.FindLastIndex(p => p.StartDate < start) + 1, added);
    }
}
