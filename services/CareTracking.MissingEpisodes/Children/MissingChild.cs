using System.Collections.Immutable;
using CareTracking.Contracts.Placements;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Children;

/// <summary>
/// What the service knows about one child: care periods, placement areas and the child's episodes. The periods,
/// placements, sex and date of birth follow from <see cref="CareNotes"/>, Placements' messages noted so far in
/// Placements' order (<see cref="CareNoteOrder"/>), so they do not depend on the order the messages arrived in.
/// Sex and date of birth come from the latest start in that order and are used only for the police alert's sex
/// and age; they never appear in logs or errors. <see cref="EpisodeFacts"/> are the reports and returns in the
/// order recorded, each placed after the care note that was last in Placements' order then.
/// </summary>
public sealed record MissingChild(
    string? Authority,
    string? ChildId,
    string? Sex,
    DateOnly? DateOfBirth,
    ImmutableList<CarePeriod> CarePeriods,
    ImmutableList<PlacementFrom> Placements,
    ImmutableList<EpisodeEntry> Episodes,
    ImmutableHashSet<Guid> NotedMessages,
    ImmutableList<CareNote> CareNotes,
    ImmutableList<EpisodeFact> EpisodeFacts)
{
    public static readonly MissingChild Initial = new(
        null, null, null, null, [], [], [], [], [], []);

    public static MissingChild Fold(IEnumerable<MissingChildEvent> events) => events.Aggregate(Initial, Evolve);

    public static MissingChild Evolve(MissingChild state, MissingChildEvent @event) => @event switch
    {
        CarePeriodNoted e => state.Noted(e.Authority, e.ChildId, new CareNote(
            CareNoteKind.Started, e.StartDate, null, null, e.PlacementArea, e.Sex, e.DateOfBirth, e.SourceEventId, e.SourceVersion)),
        CarePeriodEndNoted e => state.Noted(e.Authority, e.ChildId, new CareNote(
            CareNoteKind.Ended, e.StartDate, e.EndDate, e.ReasonEnded, null, null, null, e.SourceEventId, e.SourceVersion)),
        CarePeriodReopenNoted e => state.Noted(e.Authority, e.ChildId, new CareNote(
            CareNoteKind.Reopened, e.StartDate, e.RetractedEndDate, null, null, null, null, e.SourceEventId, e.SourceVersion)),
        CarePeriodWithdrawalNoted e => state.Noted(e.Authority, e.ChildId, new CareNote(
            CareNoteKind.Withdrawn, e.StartDate, null, null, null, null, null, e.SourceEventId, e.SourceVersion)),
        PlacementNoted e => state.Noted(e.Authority, e.ChildId, new CareNote(
            CareNoteKind.PlacementChanged, e.Date, null, null, e.PlacementArea, null, null, e.SourceEventId, e.SourceVersion)),
        EpisodeReportedNoted e => state with
        {
            Episodes = state.Episodes.Add(new EpisodeEntry(
                e.EpisodeId, e.Kind, e.LastSeenAt, null, e.AwaitingCareConfirmation, ReportedAfterReturn: e.ReportedAfterReturn)),
            EpisodeFacts = state.EpisodeFacts.Add(new EpisodeFact(state.LastNote, e)),
        },
        // A return recorded after a closure at the end of care replaces it, as in Episode.Evolve.
        EpisodeReturnedNoted e => state.WithEpisode(e.EpisodeId, x => x with { ReturnedAt = e.ReturnedAt, ClosedOn = null, ClosedInPeriodStarting = null }) with { EpisodeFacts = state.EpisodeFacts.Add(new EpisodeFact(state.LastNote, e)) },
        EpisodeClosedNoted e => state.WithEpisode(e.EpisodeId, x => x with { ClosedOn = e.EndedOn, ClosedInPeriodStarting = e.CarePeriodStartDate }),
        EpisodeReopenedNoted e => state.WithEpisode(e.EpisodeId, x => x with { ClosedOn = null, ClosedInPeriodStarting = null }),
        _ => throw new InvalidOperationException($"Unhandled child event {@event.GetType().Name}."),
    };

    /// <summary>The care note last in Placements' order: a report or return recorded now comes after it.</summary>
    Guid? LastNote => CareNotes.IsEmpty ? null : CareNotes[^1].SourceEventId;

    MissingChild Noted(string authority, string childId, CareNote note)
    {
        var notes = PlacementsOrder.Insert(CareNotes, note);
        var latestStart = CareNoteOrder.LatestStart(notes);
        return (this with
        {
            Authority = authority,
            ChildId = childId,
            Sex = latestStart?.Sex,
            DateOfBirth = latestStart?.DateOfBirth,
            CareNotes = notes,
            CarePeriods = CareNoteOrder.PeriodsOf(notes),
            Placements = CareNoteOrder.PlacementsOf(notes),
            NotedMessages = NotedMessages.Add(note.SourceEventId),
        }).ConfirmHeldEpisodes(note);
    }

    MissingChild WithEpisode(Guid episodeId, Func<EpisodeEntry, EpisodeEntry> change) => this with
    {
        Episodes = Episodes.Select(x => x.EpisodeId == episodeId ? change(x) : x).ToImmutableList(),
    };

    /// <summary>
    /// A held report becomes an incident when a message that comes after it in Placements' order (after the note
    /// that was last when it was reported) says the child was in care on its last-seen date
    /// (<see cref="CareNote.SaysInCareOn"/>). This is what in-order delivery does, and it only ever adds
    /// confirmations as messages arrive, so the same messages confirm the same reports in any order of arrival.
    /// A message that Placements published before the report but that arrived after it counts as after it when
    /// it sorts after every note known at the report (the service cannot tell it was published earlier).
    /// </summary>
    MissingChild ConfirmHeldEpisodes(CareNote note)
    {
        var noteIndex = CareNotes.IndexOf(note);
        return this with
        {
            Episodes = Episodes
                .Select(x => x.AwaitingCareConfirmation && note.SaysInCareOn(UkLocalDate.Of(x.LastSeenAt)) && NoteIndexBefore(x.EpisodeId) < noteIndex
                    ? x with { AwaitingCareConfirmation = false }
                    : x)
                .ToImmutableList(),
        };
    }

    /// <summary>Where the episode's report stands in <see cref="CareNotes"/>: the index of the note it followed, -1 if none.</summary>
    int NoteIndexBefore(Guid episodeId) =>
        EpisodeFacts.First(f => f.Noted is EpisodeReportedNoted r && r.EpisodeId == episodeId).AfterNote is { } after
            ? CareNotes.FindIndex(n => n.SourceEventId == after)
            : -1;

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

    /// <summary>The episodes a care message may change (<see cref="NotingCare.CareDecision"/>): one awaiting care
    /// confirmation may be confirmed, and one not returned may be closed at the end of care or reopened. A returned
    /// episode's return stands whatever Placements says, so it is never closed.</summary>
    public IEnumerable<Guid> EpisodesACareMessageMayChange =>
        Episodes.Where(e => e.AwaitingCareConfirmation || e.ReturnedAt is null).Select(e => e.EpisodeId);

    /// <summary>Incidents starting in the <paramref name="days"/> calendar days ending on the UK date of
    /// <paramref name="asAt"/> (that day included), counting only those last seen by then.</summary>
    public int IncidentsInLast(int days, DateTimeOffset asAt) => RepeatMissing.Count(Incidents, asAt, days);
}
