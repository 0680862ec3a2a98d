using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CareTracking.Contracts.Placements;
using CareTracking.Ssda903.CareLeavers;

namespace CareTracking.LeavingCare.CareLeavers;

// The fold of Placements' care-period messages that the Reviews and Health services keep
// (services/CareTracking.Reviews/Children/CarePeriods.cs), with the reason each period ended kept as well: the
// services share only Ssda903, ServiceDefaults and the event store, so each keeps its own (docs/leaving-care.md).

/// <summary>A period of care as the Leaving-care service learnt it from Placements.</summary>
public sealed record CarePeriod(DateOnly Start, DateOnly? End, string? LegalStatus, string? ReasonEnded)
{
    public bool IsShortBreak => LegalStatus is "V3" or "V4";

    public bool Contains(DateOnly date) => Start <= date && (End is null || date < End);

    public CareHistoryPeriod ToHistoryPeriod() => new(Start, End, ReasonEnded, IsShortBreak);
}

[JsonConverter(typeof(JsonStringEnumConverter<CareNoteKind>))]
public enum CareNoteKind
{
    Started,
    Ended,
    Reopened,
    Withdrawn,
}

/// <summary>A care-period message as noted, reduced to what the periods are folded from.</summary>
public sealed record CareNote(CareNoteKind Kind, DateOnly StartDate, DateOnly? EndDate, string? LegalStatus, string? ReasonEnded, DateOnly? DateOfBirth, long? SourceVersion)
    : IPlacementsNote;

/// <summary>The periods of care as Placements published them, whatever order the messages arrived in: notes are kept
/// in Placements' order (<see cref="PlacementsOrder"/>, shared with every consumer).</summary>
public static class CarePeriods
{
    public static ImmutableList<CarePeriod> Of(IEnumerable<CareNote> notes) =>
        notes.Aggregate(ImmutableList<CarePeriod>.Empty, Apply);

    public static DateOnly? DateOfBirthIn(IEnumerable<CareNote> notes) =>
        notes.LastOrDefault(n => n.Kind == CareNoteKind.Started)?.DateOfBirth;

    private static ImmutableList<CarePeriod> Apply(ImmutableList<CarePeriod> periods, CareNote note) => note.Kind switch
    {
        CareNoteKind.Started => WithPeriod(periods, note.StartDate,
            p => p with { LegalStatus = note.LegalStatus }, new CarePeriod(note.StartDate, null, note.LegalStatus, null)),
        CareNoteKind.Ended => WithPeriod(periods, note.StartDate,
            p => p with { End = note.EndDate, ReasonEnded = note.ReasonEnded }, new CarePeriod(note.StartDate, note.EndDate, null, note.ReasonEnded)),
        // Only the ending that was retracted is undone; a different ending stands.
        CareNoteKind.Reopened => periods.ConvertAll(p => p.Start == note.StartDate && p.End == note.EndDate ? p with { End = null, ReasonEnded = null } : p),
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
