using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CareTracking.Contracts.Placements;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Reviews.Children;

/// <summary>A period of care as the Reviews service learnt it from Placements. <see cref="LegalStatus"/> is
/// unknown while only the end has arrived.</summary>
public sealed record CarePeriod(DateOnly Start, DateOnly? End, string? LegalStatus)
{
    /// <summary>V3/V4: an agreed series of short breaks (regulation 48).</summary>
    public bool IsShortBreak => LegalStatus is "V3" or "V4";

    public bool Contains(DateOnly date) => ToPeriodOfCare().Contains(date);

    public PeriodOfCare ToPeriodOfCare() => new(Start, End, IsShortBreak);
}

[JsonConverter(typeof(JsonStringEnumConverter<CareNoteKind>))]
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
}

/// <summary>A care-period message as noted in the child's stream, reduced to what the periods are folded from.
/// <see cref="EndDate"/> is the end (Ended) or the retracted end (Reopened); <see cref="LegalStatus"/> and
/// <see cref="DateOfBirth"/> come with a start. <see cref="SourceVersion"/> is the announced event's version in
/// the child's Placements stream, null when the message carried none.</summary>
public sealed record CareNote(CareNoteKind Kind, DateOnly StartDate, DateOnly? EndDate, string? LegalStatus, DateOnly? DateOfBirth, long? SourceVersion)
    : IPlacementsNote;

/// <summary>
/// The child's periods of care as Placements published them, whatever order the messages arrived in. MassTransit
/// consumes concurrently and redelivers after a failure, so a correction can arrive before the message it
/// corrects, or an end before its start. The notes are therefore kept in Placements' order
/// (<see cref="PlacementsOrder"/>, shared with every consumer), and the periods are what applying them in that
/// order gives. Each message is noted
/// once (by its source event id), so the same messages give the same periods in any order of arrival.
/// </summary>
public static class CarePeriods
{
    /// <summary>The periods of care, in start order, that the notes give when applied in their order.</summary>
    public static ImmutableList<CarePeriod> Of(IEnumerable<CareNote> notes) =>
        notes.Aggregate(ImmutableList<CarePeriod>.Empty, Apply);

    /// <summary>The date of birth carried by the latest start in Placements' order.</summary>
    public static DateOnly? DateOfBirthIn(IEnumerable<CareNote> notes) =>
        notes.LastOrDefault(n => n.Kind == CareNoteKind.Started)?.DateOfBirth;

    /// <summary>
    /// Notes that give these periods, for a state stored before the notes were kept (a read-model row written by
    /// an earlier version): each period as a start and, if it ended, an end, without a Placements version.
    /// </summary>
    public static ImmutableList<CareNote> NotesOf(IEnumerable<CarePeriod> periods, DateOnly? dateOfBirth) =>
    [
        .. periods.SelectMany(p => new[]
        {
            p.LegalStatus is null ? null : new CareNote(CareNoteKind.Started, p.Start, null, p.LegalStatus, dateOfBirth, null),
            p.End is null ? null : new CareNote(CareNoteKind.Ended, p.Start, p.End, null, null, null),
        }).OfType<CareNote>(),
    ];

    private static ImmutableList<CarePeriod> Apply(ImmutableList<CarePeriod> periods, CareNote note) => note.Kind switch
    {
        // A start keeps an end already applied: an end noted without a version may precede its start.
        CareNoteKind.Started => WithPeriod(periods, note.StartDate,
            p => p with { LegalStatus = note.LegalStatus }, new CarePeriod(note.StartDate, null, note.LegalStatus)),
        CareNoteKind.Ended => WithPeriod(periods, note.StartDate,
            p => p with { End = note.EndDate }, new CarePeriod(note.StartDate, note.EndDate, null)),
        // Only the ending that was retracted is undone; a different ending stands.
        CareNoteKind.Reopened => periods.ConvertAll(p => p.Start == note.StartDate && p.End == note.EndDate ? p with { End = null } : p),
        CareNoteKind.Withdrawn => periods.RemoveAll(p => p.Start == note.StartDate),
        _ => throw new ArgumentOutOfRangeException(nameof(note), note.Kind, "Not a kind of care note."),
    };

    private static ImmutableList<CarePeriod> WithPeriod(
        ImmutableList<CarePeriod> periods, DateOnly start, Func<CarePeriod, CarePeriod> update, CarePeriod added)
    {
        var index = periods.FindIndex(p => p.Start == start);
        if (index >= 0) return periods.SetItem(index, update(periods[index]));
        return periods.Insert(periods.FindLastIndex(p => p.Start < start) + 1, added);
    }
}
