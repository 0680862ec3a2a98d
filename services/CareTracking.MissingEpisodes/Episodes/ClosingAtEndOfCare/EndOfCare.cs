using CareTracking.MissingEpisodes.Children;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Episodes.ClosingAtEndOfCare;

/// <summary>Events for the episodes' streams and, in the same append, for the child's stream.</summary>
public sealed record EndOfCareDecision(IReadOnlyList<EpisodeEvent> EpisodeEvents, IReadOnlyList<MissingChildEvent> ChildEvents)
{
    public static readonly EndOfCareDecision None = new([], []);
}

/// <summary>
/// A missing episode ends when the child's care ends (903: 575 the missing period must end when the placement
/// ends, 577 a period still open when the child ceased care is an error, 580 missing at cessation ⇒ REC E8;
/// unresolved cases close at the 18th birthday). The closure is not a return: the child was not found.
/// </summary>
public static class EndOfCare
{
    /// <summary>
    /// The episodes the end of <paramref name="period"/> closes: incidents (not held reports) still open and
    /// last seen, on the UK date, from the period's start up to and including its end date (a report accepted
    /// before the end was known may be last seen on the day care ended). An episode last seen after the end
    /// date (an end of care recorded back-dated) is left open: it began after care ended (903 rule 578) and
    /// only a return can end it.
    /// </summary>
    public static EndOfCareDecision Close(MissingChild child, CarePeriod period)
    {
        if (period.EndDate is not { } endedOn) return EndOfCareDecision.None;
        var reason = ReasonFor(endedOn, child.DateOfBirth);
        var closing = child.Episodes
            .Where(e => e.IsOpen && !e.AwaitingCareConfirmation)
            .Where(e => UkLocalDate.Of(e.LastSeenAt) is var seen && period.StartDate <= seen && seen <= endedOn)
            .ToList();
        return new EndOfCareDecision(
            [.. closing.Select(e => new EpisodeClosedAtEndOfCare(e.EpisodeId, endedOn, reason, period.ReasonEnded, period.StartDate))],
            [.. closing.Select(e => new EpisodeClosedNoted(e.EpisodeId, endedOn, period.StartDate))]);
    }

    /// <summary>"18th-birthday" when care ended on the day the child turned 18 (a child born on 29 February
    /// turns 18 on 1 March in a year without one), else "care-ended". Unknown date of birth: "care-ended".</summary>
    public static string ReasonFor(DateOnly endedOn, DateOnly? dateOfBirth) =>
        dateOfBirth is { } born && Age.InWholeYears(born, endedOn) == 18 && Age.InWholeYears(born, endedOn.AddDays(-1)) == 17
            ? EndOfCareReason.EighteenthBirthday
            : EndOfCareReason.CareEnded;
}
