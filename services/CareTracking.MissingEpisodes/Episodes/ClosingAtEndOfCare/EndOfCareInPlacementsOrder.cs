using System.Collections.Immutable;
using CareTracking.MissingEpisodes.Children;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Episodes.ClosingAtEndOfCare;

/// <summary>
/// Which of the child's episodes stand closed at the end of care, and at which end, worked out from the care
/// messages in Placements' order rather than in the order they arrived. The reports and returns are replayed
/// where they stood among the messages when recorded (after the note last in Placements' order then,
/// <see cref="EpisodeFact"/>), with the rules of in-order delivery: an end closes the incidents still open and
/// last seen in the period up to and including its end date (<see cref="EndOfCare.Close"/>); a report into a
/// period already ended is closed at once; a reopening of that end or a withdrawal of the period opens them again
/// unless a return was recorded or another episode of the child is open or was last seen later; a return
/// replaces the closure. Given the same messages, reports and returns, this is the same whatever order the
/// messages arrived in, and it is what delivering them in Placements' order decides step by step.
/// </summary>
public static class EndOfCareInPlacementsOrder
{
    private sealed class Replayed(Guid id, DateTimeOffset lastSeenAt, bool held)
    {
        public Guid Id { get; } = id;
        public DateOnly LastSeenOn { get; } = UkLocalDate.Of(lastSeenAt);
        public DateTimeOffset LastSeenAt { get; } = lastSeenAt;
        public bool Held { get; set; } = held;
        public bool Returned { get; set; }
        public EndOfCareClosure? Closure { get; set; }
        public bool IsOpen => !Returned && Closure is null;
    }

    /// <summary>The closure each episode of the child should stand at (null: not closed at the end of care).</summary>
    public static IReadOnlyDictionary<Guid, EndOfCareClosure?> Closures(MissingChild child)
    {
        var periods = ImmutableList<CarePeriod>.Empty;
        DateOnly? dateOfBirth = null;
        var episodes = new List<Replayed>();
        var facts = child.EpisodeFacts.ToLookup(f => f.AfterNote);

        void Record(IEnumerable<EpisodeFact> recorded)
        {
            foreach (var fact in recorded)
            {
                switch (fact.Noted)
                {
                    case EpisodeReportedNoted r:
                        var episode = new Replayed(r.EpisodeId, r.LastSeenAt, r.AwaitingCareConfirmation);
                        if (!episode.Held && periods.FirstOrDefault(p => p.Covers(episode.LastSeenOn)) is { EndDate: { } ended } period)
                            episode.Closure = new EndOfCareClosure(ended, EndOfCare.ReasonFor(ended, dateOfBirth), period.ReasonEnded, period.StartDate);
                        episodes.Add(episode);
                        break;
                    case EpisodeReturnedNoted returned when episodes.Find(e => e.Id == returned.EpisodeId) is { } e:
                        e.Returned = true;
                        e.Closure = null;
                        break;
                }
            }
        }

        Record(facts[null]);
        foreach (var note in child.CareNotes)
        {
            periods = CareNoteOrder.Apply(periods, note);
            if (note.Kind == CareNoteKind.Started) dateOfBirth = note.DateOfBirth;
            foreach (var held in episodes.Where(e => e.Held && note.SaysInCareOn(e.LastSeenOn)))
                held.Held = false;
            switch (note.Kind)
            {
                case CareNoteKind.Ended when note.EndDate is { } endedOn:
                    var closure = new EndOfCareClosure(endedOn, EndOfCare.ReasonFor(endedOn, dateOfBirth), note.ReasonEnded, note.Date);
                    foreach (var open in episodes.Where(e => e.IsOpen && !e.Held && note.Date <= e.LastSeenOn && e.LastSeenOn <= endedOn))
                        open.Closure = closure;
                    break;
                case CareNoteKind.Reopened or CareNoteKind.Withdrawn:
                    var reopening = episodes
                        .Where(e => e.Closure is { } c && !e.Returned && c.CarePeriodStartDate == note.Date
                            && (note.Kind == CareNoteKind.Withdrawn || note.EndDate is null || c.EndedOn == note.EndDate))
                        .Where(e => !episodes.Any(other => other != e && (other.IsOpen || other.LastSeenAt > e.LastSeenAt)))
                        .ToList();
                    foreach (var e in reopening) e.Closure = null;
                    break;
            }
            Record(facts[note.SourceEventId]);
        }
        return episodes.ToDictionary(e => e.Id, e => e.Closure);
    }
}
