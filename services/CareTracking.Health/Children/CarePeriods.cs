using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CareTracking.Contracts.Placements;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Health.Children;

// A copy of the Reviews service's CarePeriods (services/CareTracking.Reviews/Children/CarePeriods.cs), without its
// read-model migration: the services share only Ssda903, ServiceDefaults and the event store, so each keeps its
// own fold of Placements' care-period messages (docs/health.md).

/// <summary>A period of care as the Health service learnt it from Placements. <see cref="LegalStatus"/> is
/// unknown while only the end has arrived.</summary>
public sealed record CarePeriod(DateOnly Start, DateOnly? End, string? LegalStatus)
{
    /// <summary>V3/V4: an agreed series of short breaks (regulation 48), outside the health assessment duty.</summary>
    public bool IsShortBreak => LegalStatus is "V3" or "V4";

    /// <summary>Looked after on the date: the day care ends is not a day in care.</summary>
    public bool Contains(DateOnly date) => ToPeriodOfCare().Contains(date);

    public PeriodOfCare ToPeriodOfCare() => new(Start, End, IsShortBreak);
}

[JsonConverter(typeof(JsonStringEnumConverter<CareNoteKind>))]
public enum CareNoteKind
{
    Started,
    Ended,
    Reopened,
    Withdrawn,
}

/// <summary>A care-period message as noted in the child's stream, reduced to what the periods are folded from.</summary>
public sealed record CareNote(CareNoteKind Kind, DateOnly StartDate, DateOnly? EndDate, string? LegalStatus, DateOnly? DateOfBirth, long? SourceVersion)
    : IPlacementsNote;

/// <summary>
/// The child's periods of care as Placements published them, whatever order the messages arrived in: the notes
/// are kept in Placements' order (<see cref="PlacementsOrder"/>, shared with every consumer) and the periods are
/// what applying them in that order gives.
/// </summary>
public static class CarePeriods
{
    public static ImmutableList<CarePeriod> Of(IEnumerable<CareNote> notes) =>
        notes.Aggregate(ImmutableList<CarePeriod>.Empty, Apply);

    /// <summary>The date of birth carried by the latest start in Placements' order.</summary>
    public static DateOnly? DateOfBirthIn(IEnumerable<CareNote> notes) =>
        notes.LastOrDefault(n => n.Kind == CareNoteKind.Started)?.DateOfBirth;

    private static ImmutableList<CarePeriod> Apply(ImmutableList<CarePeriod> periods, CareNote note) => note.Kind switch
    {
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
