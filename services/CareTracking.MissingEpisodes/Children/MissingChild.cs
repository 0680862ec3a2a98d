using System.Collections.Immutable;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Children;

/// <summary>A period of care as this service knows it: in care from StartDate up to, not including, EndDate
/// (indicators.md: looked after at D when DECOM ≤ D and DEC is empty or after D). ReasonEnded is the 903 REC
/// of the ending, when Placements gave it.</summary>
public sealed record CarePeriod(DateOnly StartDate, DateOnly? EndDate, string? ReasonEnded = null)
{
    public bool Covers(DateOnly date) => StartDate <= date && (EndDate is null || date < EndDate);
}

/// <summary>The placement's postcode area from a date on (null when Placements did not give one).</summary>
public sealed record PlacementFrom(DateOnly Date, string? Area);

/// <summary>One of the child's episodes, as the per-child index holds it. An episode awaiting care
/// confirmation is open (it blocks a second report) but is not yet an incident (not counted, not alerted).
/// An episode closed at the end of care (<see cref="ClosedOn"/>, the end date of the period starting
/// <see cref="ClosedInPeriodStarting"/>) is not open and is still an incident.</summary>
public sealed record EpisodeEntry(
    Guid EpisodeId,
    string Kind,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ReturnedAt,
    bool AwaitingCareConfirmation,
    DateOnly? ClosedOn = null,
    DateOnly? ClosedInPeriodStarting = null)
{
    public bool IsOpen => ReturnedAt is null && ClosedOn is null;

    /// <summary>When the episode ended: the return, or for one closed at the end of care the start of the UK
    /// day care ended (the first day the child was not looked after). Null while open.</summary>
    public DateTimeOffset? EndedAt => ReturnedAt ?? (ClosedOn is { } closed ? UkLocalDate.StartOf(closed) : null);

    /// <summary>903 rule 574: the episode covers the instant (last seen at or before it, ended after it).</summary>
    public bool Covers(DateTimeOffset instant) => LastSeenAt <= instant && EndedAt is { } end && instant < end;
}

public enum CareStatus
{
    /// <summary>Placements has told this service of no period of care for the child yet.</summary>
    NeverHeardOf,
    InCare,
    /// <summary>Periods are known and none covers the date.</summary>
    NotInCare,
}

/// <summary>
/// What the service knows about one child: care periods, placement areas and the child's episodes. Sex and
/// date of birth come from the latest care period noted and are used only for the police alert's sex and
/// age; they never appear in logs or errors.
/// </summary>
public sealed record MissingChild(
    string? Authority,
    string? ChildId,
    string? Sex,
    DateOnly? DateOfBirth,
    ImmutableList<CarePeriod> CarePeriods,
    ImmutableList<PlacementFrom> Placements,
    ImmutableList<EpisodeEntry> Episodes,
    ImmutableHashSet<Guid> NotedMessages)
{
    public static readonly MissingChild Initial = new(
        null, null, null, null, [], [], [], []);

    public static MissingChild Fold(IEnumerable<MissingChildEvent> events) => events.Aggregate(Initial, Evolve);

    public static MissingChild Evolve(MissingChild state, MissingChildEvent @event) => @event switch
    {
        CarePeriodNoted e => (state with
        {
            Authority = e.Authority,
            ChildId = e.ChildId,
            Sex = e.Sex,
            DateOfBirth = e.DateOfBirth,
            CarePeriods = state.CarePeriods.Any(p => p.StartDate == e.StartDate)
                ? state.CarePeriods
                : state.CarePeriods.Add(new CarePeriod(e.StartDate, null)),
            Placements = state.Placements.Add(new PlacementFrom(e.StartDate, e.PlacementArea)),
            NotedMessages = state.NotedMessages.Add(e.SourceEventId),
        }).ConfirmCoveredEpisodes(),
        CarePeriodEndNoted e => (state with
        {
            Authority = e.Authority,
            ChildId = e.ChildId,
            CarePeriods = state.CarePeriods.FirstOrDefault(p => p.StartDate == e.StartDate) is { } known
                ? state.CarePeriods.Replace(known, known with { EndDate = e.EndDate, ReasonEnded = e.ReasonEnded })
                : state.CarePeriods.Add(new CarePeriod(e.StartDate, e.EndDate, e.ReasonEnded)),
            NotedMessages = state.NotedMessages.Add(e.SourceEventId),
        }).ConfirmCoveredEpisodes(),
        CarePeriodReopenNoted e => (state with
        {
            CarePeriods = state.CarePeriods.FirstOrDefault(p => p.StartDate == e.StartDate) is { } known
                ? state.CarePeriods.Replace(known, known with { EndDate = null, ReasonEnded = null })
                : state.CarePeriods.Add(new CarePeriod(e.StartDate, null)),
            NotedMessages = state.NotedMessages.Add(e.SourceEventId),
        }).ConfirmCoveredEpisodes(),
        CarePeriodWithdrawalNoted e => state with
        {
            CarePeriods = state.CarePeriods.RemoveAll(p => p.StartDate == e.StartDate),
            Placements = state.Placements.RemoveAll(p => p.Date == e.StartDate),
            NotedMessages = state.NotedMessages.Add(e.SourceEventId),
        },
        PlacementNoted e => state with
        {
            Authority = e.Authority,
            ChildId = e.ChildId,
            Placements = state.Placements.Add(new PlacementFrom(e.Date, e.PlacementArea)),
            NotedMessages = state.NotedMessages.Add(e.SourceEventId),
        },
        EpisodeReportedNoted e => state with
        {
            Episodes = state.Episodes.Add(new EpisodeEntry(
                e.EpisodeId, e.Kind, e.LastSeenAt, null, e.AwaitingCareConfirmation)),
        },
        // A return recorded after a closure at the end of care replaces it, as in Episode.Evolve.
        EpisodeReturnedNoted e => state.WithEpisode(e.EpisodeId, x => x with { ReturnedAt = e.ReturnedAt, ClosedOn = null, ClosedInPeriodStarting = null }),
        EpisodeClosedNoted e => state.WithEpisode(e.EpisodeId, x => x with { ClosedOn = e.EndedOn, ClosedInPeriodStarting = e.CarePeriodStartDate }),
        EpisodeReopenedNoted e => state.WithEpisode(e.EpisodeId, x => x with { ClosedOn = null, ClosedInPeriodStarting = null }),
        _ => throw new InvalidOperationException($"Unhandled child event {@event.GetType().Name}."),
    };

    MissingChild WithEpisode(Guid episodeId, Func<EpisodeEntry, EpisodeEntry> change) => this with
    {
        Episodes = Episodes.Select(x => x.EpisodeId == episodeId ? change(x) : x).ToImmutableList(),
    };

    // A held report becomes an incident as soon as a known period covers its last-seen date; the decider
    // that notes the care message emits the matching EpisodeCareConfirmed for each episode stream.
    MissingChild ConfirmCoveredEpisodes() => this with
    {
        Episodes = Episodes
            .Select(x => x.AwaitingCareConfirmation && CareStatusOn(UkLocalDate.Of(x.LastSeenAt)) == CareStatus.InCare
                ? x with { AwaitingCareConfirmation = false }
                : x)
            .ToImmutableList(),
    };

    public CarePeriod? PeriodCovering(DateOnly date) => CarePeriods.FirstOrDefault(p => p.Covers(date));

    public CareStatus CareStatusOn(DateOnly date) =>
        CarePeriods.IsEmpty ? CareStatus.NeverHeardOf
        : PeriodCovering(date) is not null ? CareStatus.InCare
        : CareStatus.NotInCare;

    /// <summary>The placement's postcode area on a date: the latest placement noted on or before it.</summary>
    public string? PlacementAreaOn(DateOnly date) =>
        Placements.Where(p => p.Date <= date).OrderBy(p => p.Date).LastOrDefault()?.Area;

    public EpisodeEntry? OpenEpisode => Episodes.FirstOrDefault(e => e.IsOpen);

    /// <summary>Episodes that count: reported for a child known to be in care when last seen.</summary>
    public IEnumerable<EpisodeEntry> Incidents => Episodes.Where(e => !e.AwaitingCareConfirmation);

    public IEnumerable<EpisodeEntry> AwaitingCareConfirmation => Episodes.Where(e => e.AwaitingCareConfirmation);

    /// <summary>Incidents starting in the <paramref name="days"/> calendar days ending on the UK date of
    /// <paramref name="asAt"/> (that day included), counting only those last seen by then.</summary>
    public int IncidentsInLast(int days, DateTimeOffset asAt) => RepeatMissing.Count(Incidents, asAt, days);
}
