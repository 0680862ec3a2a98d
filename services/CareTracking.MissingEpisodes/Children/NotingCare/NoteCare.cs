using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Children.NotingCare;

/// <summary>
/// What noting a care message decided: events for the child's stream and, for each report that was awaiting
/// care confirmation and is now covered by a known period of care, an <see cref="EpisodeCareConfirmed"/> for
/// that episode's stream; all appended together. A redelivered message (same source event id) gives nothing.
/// </summary>
public sealed record CareDecision(
    IReadOnlyList<MissingChildEvent> ChildEvents,
    IReadOnlyList<EpisodeCareConfirmed> ConfirmedEpisodes)
{
    public static readonly CareDecision Nothing = new([], []);

    public bool IsEmpty => ChildEvents.Count == 0 && ConfirmedEpisodes.Count == 0;

    internal static CareDecision Note(MissingChild state, Guid sourceEventId, MissingChildEvent noted)
    {
        if (state.NotedMessages.Contains(sourceEventId)) return Nothing;
        var after = MissingChild.Evolve(state, noted);
        var confirmed = state.AwaitingCareConfirmation
            .Where(held => after.Episodes.Any(e => e.EpisodeId == held.EpisodeId && !e.AwaitingCareConfirmation))
            .Select(held => new EpisodeCareConfirmed(
                held.EpisodeId, after.PeriodCovering(UkLocalDate.Of(held.LastSeenAt))!.StartDate))
            .ToList();
        return new CareDecision([noted], confirmed);
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

/// <summary>Placements' CarePeriodEnded arrived for this child.</summary>
public sealed record NoteCarePeriodEnded(CarePeriodEnded Message)
{
    public static CareDecision Decide(NoteCarePeriodEnded command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodEndNoted(
            m.Authority, m.ChildId, m.StartDate, m.EndDate, m.SourceEventId));
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

/// <summary>Placements' CarePeriodReopened arrived: an ending it announced was retracted.</summary>
public sealed record NoteCarePeriodReopened(CarePeriodReopened Message)
{
    public static CareDecision Decide(NoteCarePeriodReopened command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodReopenNoted(m.Authority, m.ChildId, m.StartDate, m.SourceEventId));
    }
}

/// <summary>Placements' CarePeriodWithdrawn arrived: an entry into care it announced was retracted.</summary>
public sealed record NoteCarePeriodWithdrawn(CarePeriodWithdrawn Message)
{
    public static CareDecision Decide(NoteCarePeriodWithdrawn command, MissingChild state, DateTimeOffset now)
    {
        var m = command.Message;
        return CareDecision.Note(state, m.SourceEventId, new CarePeriodWithdrawalNoted(m.Authority, m.ChildId, m.StartDate, m.SourceEventId));
    }
}
