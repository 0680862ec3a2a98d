using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Children;

/// <summary>One of the child's episodes, as the per-child index holds it. An episode awaiting care
/// confirmation is open (it blocks a second report) but is not yet an incident (not counted, not alerted).
/// An episode closed at the end of care (<see cref="ClosedOn"/>, the end date of the period starting
/// <see cref="ClosedInPeriodStarting"/>) is not open and is still an incident. An episode
/// <see cref="ReportedAfterReturn"/> (recorded when the child was already back) is an incident the police were
/// never told of.</summary>
public sealed record EpisodeEntry(
    Guid EpisodeId,
    string Kind,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ReturnedAt,
    bool AwaitingCareConfirmation,
    DateOnly? ClosedOn = null,
    DateOnly? ClosedInPeriodStarting = null,
    bool ReportedAfterReturn = false)
{
    public bool IsOpen => ReturnedAt is null && ClosedOn is null;

    /// <summary>An incident the police heard of: confirmed in care and reported while the child was missing.</summary>
    public bool IsAlerted => !AwaitingCareConfirmation && !ReportedAfterReturn;

    /// <summary>When the episode ended: the return, or for one closed at the end of care the start of the UK
    /// day care ended (the first day the child was not looked after). Null while open.</summary>
    public DateTimeOffset? EndedAt => ReturnedAt ?? (ClosedOn is { } closed ? UkLocalDate.StartOf(closed) : null);

    /// <summary>903 rule 574: the episode covers the instant (last seen at or before it, ended after it).</summary>
    public bool Covers(DateTimeOffset instant) => LastSeenAt <= instant && EndedAt is { } end && instant < end;
}
