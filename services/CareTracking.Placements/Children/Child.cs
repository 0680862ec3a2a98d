using System.Collections.Immutable;

namespace CareTracking.Placements.Children;

/// <summary>A fact in the care timeline, with its event id and its place in recording order.</summary>
public sealed record TimelineEntry(Guid Id, int Sequence, ChildEvent Event);

/// <summary>
/// What decisions about a child need: the whole care timeline, because back-dated recording is normal in
/// social care and a new fact must fit the facts around its effective date, not just the latest ones.
/// Entries are kept in effective-date order, ties in recording order; retractions are kept aside and hide
/// the events they name. <see cref="Version"/> is the stream version the state reflects (the store numbers a
/// stream's events from 1 without gaps, so it is the number of events folded); it stamps the messages
/// published for an event (<c>SourceVersion</c>) so that consumers can restore Placements' order.
/// </summary>
public sealed record Child(ImmutableList<TimelineEntry> Entries, ImmutableHashSet<Guid> Retracted, long Version)
{
    public static readonly Child None = new([], [], 0);

    public bool IsKnown => !Entries.IsEmpty;

    /// <summary>The history as it now stands: retracted events left out.</summary>
    public IReadOnlyList<TimelineEntry> Timeline => Entries.Where(e => !Retracted.Contains(e.Id)).ToList();

    public static Child Evolve(Child state, RecordedEvent recorded) => recorded.Data switch
    {
        EventRetracted retracted => state with { Retracted = state.Retracted.Add(retracted.RetractedEventId), Version = state.Version + 1 },
        var fact => state with
        {
            Entries = InsertByDate(state.Entries, new TimelineEntry(recorded.Id, state.Entries.Count, fact)),
            Version = state.Version + 1,
        },
    };

    public static Child From(IEnumerable<RecordedEvent> events) => events.Aggregate(None, Evolve);

    /// <summary>The timeline with a proposed event placed by its date, after anything recorded for the same day.</summary>
    internal IReadOnlyList<TimelineEntry> TimelineWith(params TimelineEntry[] candidates) =>
        candidates.Aggregate(Entries, InsertByDate).Where(e => !Retracted.Contains(e.Id)).ToList();

    internal TimelineEntry Candidate(ChildEvent proposed, int offset = 0) => new(Guid.Empty, Entries.Count + offset, proposed);

    internal bool AlreadyRecorded(ChildEvent proposed) => Timeline.Any(e => e.Event == proposed);

    /// <summary>The details given on the latest entry to care, with the header changes dated from it applied in date
    /// order (ChangingHeader).</summary>
    internal ChildDetails? LatestChildDetails =>
        Timeline.Select(e => e.Event).Aggregate((ChildDetails?)null, (details, e) => e switch
        {
            ChildEnteredCare entered => entered.Child,
            ChangingHeader.ChildHeaderChanged change when details is not null => change.ApplyTo(details),
            _ => details,
        });

    private static ImmutableList<TimelineEntry> InsertByDate(ImmutableList<TimelineEntry> entries, TimelineEntry entry)
    {
        var index = entries.Count;
        while (index > 0 && entries[index - 1].Event.Date > entry.Event.Date) index--;
        return entries.Insert(index, entry);
    }
}
