using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.ClosingAtEndOfCare;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>
/// What noting a care message decided: events for the child's stream and, in the same append, for episode
/// streams: <see cref="EpisodeCareConfirmed"/> for each report that was awaiting care confirmation and is now
/// covered by a known period of care; <see cref="EpisodeClosedAtEndOfCare"/> for each episode still open
/// when its period of care ended; <see cref="EpisodeReopened"/> for each one whose closing end of care was
/// retracted. Episode events are in the order they are appended (a held report confirmed by an ended period
/// is confirmed, then closed). A redelivered message (same source event id) gives nothing.
/// </summary>
public sealed record CareDecision(
    IReadOnlyList<MissingChildEvent> ChildEvents,
    IReadOnlyList<EpisodeEvent> EpisodeEvents)
{
    public static readonly CareDecision Nothing = new([], []);

    public bool IsEmpty => ChildEvents.Count == 0 && EpisodeEvents.Count == 0;

    public IReadOnlyList<EpisodeCareConfirmed> ConfirmedEpisodes => [.. EpisodeEvents.OfType<EpisodeCareConfirmed>()];

    public IReadOnlyList<EpisodeClosedAtEndOfCare> ClosedEpisodes => [.. EpisodeEvents.OfType<EpisodeClosedAtEndOfCare>()];

    public IReadOnlyList<EpisodeReopened> ReopenedEpisodes => [.. EpisodeEvents.OfType<EpisodeReopened>()];

    internal static CareDecision Note(MissingChild state, Guid sourceEventId, MissingChildEvent noted)
    {
        if (state.NotedMessages.Contains(sourceEventId)) return Nothing;
        var after = MissingChild.Evolve(state, noted);
        var confirmed = state.AwaitingCareConfirmation
            .Where(held => after.Episodes.Any(e => e.EpisodeId == held.EpisodeId && !e.AwaitingCareConfirmation))
            .Select(held => new EpisodeCareConfirmed(
                held.EpisodeId, after.PeriodCovering(UkLocalDate.Of(held.LastSeenAt))!.StartDate))
            .ToList();
        var endOfCare = noted switch
        {
            CarePeriodEndNoted e => EndOfCare.Close(after, after.CarePeriods.First(p => p.StartDate == e.StartDate)),
            CarePeriodReopenNoted e => EndOfCare.Reopen(after, e.StartDate, CareCorrection.PeriodReopened),
            CarePeriodWithdrawalNoted e => EndOfCare.Reopen(after, e.StartDate, CareCorrection.PeriodWithdrawn),
            _ => EndOfCareDecision.None,
        };
        return new CareDecision([noted, .. endOfCare.ChildEvents], [.. confirmed, .. endOfCare.EpisodeEvents]);
    }
}

/// <summary>Placements' CarePeriodStarted arrived for this child.</summary>
public sealed record NoteCarePeriodStarted(CarePeriodStarted Message)
{
    public static CareDecision Decide(NoteCarePeriodStarted command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodNoted(
            m.Authority, m.ChildId, m.StartDate, m.PlacementArea, m.Sex, m.DateOfBirth, m.SourceEventId));
    }
}

/// <summary>Placements' CarePeriodEnded arrived for this child: an episode still open in the period is closed
/// as at its end (<see cref="EndOfCare.Close"/>).</summary>
public sealed record NoteCarePeriodEnded(CarePeriodEnded Message)
{
    public static CareDecision Decide(NoteCarePeriodEnded command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodEndNoted(
            m.Authority, m.ChildId, m.StartDate, m.EndDate, m.SourceEventId, m.ReasonEnded));
    }
}

/// <summary>Placements' PlacementChanged arrived for this child.</summary>
public sealed record NotePlacementChanged(PlacementChanged Message)
{
    public static CareDecision Decide(NotePlacementChanged command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new PlacementNoted(
            m.Authority, m.ChildId, m.Date, m.PlacementArea, m.SourceEventId));
    }
}

/// <summary>Placements' CarePeriodReopened arrived: an ending it announced was retracted, and an episode that
/// ending closed is open again (<see cref="EndOfCare.Reopen"/>).</summary>
public sealed record NoteCarePeriodReopened(CarePeriodReopened Message)
{
    public static CareDecision Decide(NoteCarePeriodReopened command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodReopenNoted(m.Authority, m.ChildId, m.StartDate, m.SourceEventId));
    }
}

/// <summary>Placements' CarePeriodWithdrawn arrived: an entry into care it announced was retracted; an episode
/// closed at that period's end is open again (<see cref="EndOfCare.Reopen"/>).</summary>
public sealed record NoteCarePeriodWithdrawn(CarePeriodWithdrawn Message)
{
    public static CareDecision Decide(NoteCarePeriodWithdrawn command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodWithdrawalNoted(m.Authority, m.ChildId, m.StartDate, m.SourceEventId));
    }
}
