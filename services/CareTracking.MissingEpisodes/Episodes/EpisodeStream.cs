using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Http;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Episodes;

/// <summary>The stream of one missing episode (docs/streams.md): type missing-episode, id episode:{episodeId}.
/// Before its report there is no episode (null).</summary>
public static class EpisodeStream
{
    public static readonly EventStream<Episode?, EpisodeEvent> Events =
        new("missing-episode", null, (episode, e) => Episode.Evolve(episode, e.Data), EffectiveDate);

    public static string IdOf(Guid episodeId) => $"episode:{episodeId}";

    /// <summary>The UK date each event happened on, stored beside it for projections.</summary>
    public static DateOnly? EffectiveDate(EpisodeEvent @event) => @event switch
    {
        MissingEpisodeReported e => UkLocalDate.Of(e.LastSeenAt),
        RiskLevelChanged e => UkLocalDate.Of(e.At),
        ChildReturned e => UkLocalDate.Of(e.ReturnedAt),
        ReturnInterviewOffered e => UkLocalDate.Of(e.At),
        ReturnInterviewAccepted e => UkLocalDate.Of(e.At),
        ReturnInterviewDeclined e => UkLocalDate.Of(e.At),
        ReturnInterviewCompleted e => UkLocalDate.Of(e.At),
        EpisodeClosedAtEndOfCare e => e.EndedOn,
        EpisodeReopened e => e.RetractedEndedOn,
        _ => null,
    };

    /// <summary>The reported episode; one never reported is a 404.</summary>
    public static async Task<Episode> ReadAsync(EventSession session, Guid episodeId, CancellationToken ct) =>
        Events.Fold(await session.Events.FetchStreamAsync(IdOf(episodeId), ct))
        ?? throw new RecordNotFound("missing episode", episodeId.ToString());
}
