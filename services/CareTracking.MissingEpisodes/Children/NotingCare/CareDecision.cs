using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.ClosingAtEndOfCare;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>
/// What noting a care message decided: events for the child's stream and, in the same append, for episode
/// streams: <see cref="EpisodeCareConfirmed"/> for each report that was awaiting care confirmation and is now
/// said by the message to be in care on its last-seen date (<see cref="MissingChild"/>); and, to bring each
/// episode's closure at the end of care to what Placements' order gives (<see cref="EndOfCareInPlacementsOrder"/>),
/// <see cref="EpisodeReopened"/> for an episode closed at an end no longer in force and
/// <see cref="EpisodeClosedAtEndOfCare"/> for one whose period ended while it was open. Episode events are in the
/// order they are appended (a held report confirmed by an ended period is confirmed, then closed; a closure moved
/// to another end is reopened, then closed). A redelivered message (same source event id) gives nothing.
/// </summary>
public sealed record CareDecision(
    IReadOnlyList<MissingChildEvent> ChildEvents,
    IReadOnlyList<EpisodeEvent> EpisodeEvents)
{
    public static readonly CareDecision Nothing = new([], []);

    public bool IsEmpty => ChildEvents.Count == 0 && EpisodeEvents.Count == 0;

    public IReadOnlyList<EpisodeCareConfirmed> ConfirmedEpisodes => [.. EpisodeEvents.OfType<EpisodeCareConfirmed>()];

    public IReadOnlyList<EpisodeClosedAtEndOfCare> ClosedEpisodes => [.. EpisodeEvents.OfType<EpisodeClosedAtEndOfCare>()];

    internal static CareDecision Note(MissingChild state, Guid sourceEventId, MissingChildEvent noted)
    {
        if (state.NotedMessages.Contains(sourceEventId)) return Nothing;
        var after = MissingChild.Evolve(state, noted);
        var note = after.CareNotes.Single(n => n.SourceEventId == sourceEventId);
        var confirmed = state.AwaitingCareConfirmation
            .Where(held => after.Episodes.Any(e => e.EpisodeId == held.EpisodeId && !e.AwaitingCareConfirmation))
            .Select(held => new EpisodeCareConfirmed(held.EpisodeId, note.Date))
            .ToList();
        var childEvents = new List<MissingChildEvent> { noted };
        var episodeEvents = new List<EpisodeEvent>(confirmed);
        var closures = EndOfCareInPlacementsOrder.Closures(after);
        foreach (var episode in after.Episodes)
        {
            var closure = closures[episode.EpisodeId];
            if (episode.ClosedOn == closure?.EndedOn && episode.ClosedInPeriodStarting == closure?.CarePeriodStartDate) continue;
            if (episode.ClosedOn is { } closedOn)
            {
                episodeEvents.Add(new EpisodeReopened(episode.EpisodeId, closedOn, CorrectionBy(note)));
                childEvents.Add(new EpisodeReopenedNoted(episode.EpisodeId));
            }
            if (closure is not null)
            {
                episodeEvents.Add(new EpisodeClosedAtEndOfCare(episode.EpisodeId, closure.EndedOn, closure.Reason, closure.ReasonEnded, closure.CarePeriodStartDate));
                childEvents.Add(new EpisodeClosedNoted(episode.EpisodeId, closure.EndedOn, closure.CarePeriodStartDate));
            }
        }
        return new CareDecision(childEvents, episodeEvents);
    }

    /// <summary>What undid a closure: the retraction of its end or of its period, or (for any other message) an
    /// earlier message of Placements that arrived late and put a different end in force.</summary>
    static string CorrectionBy(CareNote note) => note.Kind switch
    {
        CareNoteKind.Reopened => CareCorrection.PeriodReopened,
        CareNoteKind.Withdrawn => CareCorrection.PeriodWithdrawn,
        _ => CareCorrection.PeriodRestated,
    };
}
