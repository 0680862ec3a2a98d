using CareTracking.ServiceDefaults.Http;
using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Problems;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes;

/// <summary>This service's streams (docs/streams.md): one per episode, and one per child holding what
/// Placements told us and the child's episode index.</summary>
public static class Streams
{
    public const string EpisodeType = "missing-episode";
    public const string ChildType = "missing-child";

    public static string Episode(Guid episodeId) => $"episode:{episodeId}";
    public static string Child(string childId) => $"missing:{childId}";

    public static Episode? FoldEpisode(IEnumerable<StoredEvent> stored) => Episodes.Episode.Fold(stored.Select(e => (EpisodeEvent)e.Data));

    public static MissingChild FoldChild(IEnumerable<StoredEvent> stored) => MissingChild.Fold(stored.Select(e => (MissingChildEvent)e.Data));

    public static long VersionOf(IReadOnlyList<StoredEvent> stored) => stored.Count == 0 ? 0 : stored[^1].Version;

    /// <summary>The UK date each event happened on, stored beside it for projections.</summary>
    public static DateOnly? EffectiveDate(object @event) => @event switch
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
        CarePeriodNoted e => e.StartDate,
        CarePeriodEndNoted e => e.EndDate,
        CarePeriodReopenNoted e => e.StartDate,
        CarePeriodWithdrawalNoted e => e.StartDate,
        PlacementNoted e => e.Date,
        EpisodeReportedNoted e => UkLocalDate.Of(e.LastSeenAt),
        EpisodeReturnedNoted e => UkLocalDate.Of(e.ReturnedAt),
        EpisodeClosedNoted e => e.EndedOn,
        _ => null,
    };

    /// <summary>The police alerts for an episode event, as outbox messages to the police exchange. The
    /// outbox message id is the alert id, so a re-sent alert keeps it.</summary>
    public static IEnumerable<OutboxMessage> AlertsFor(Guid eventId, EpisodeEvent @event, Episode episodeAfter, MissingChild childAfter, PoliceForces forces) =>
        PoliceAlerts.For(eventId, @event, episodeAfter, childAfter, forces)
            .Select(a => new OutboxMessage(a.Alert.AlertId, OutboxMessage.Amqp, PoliceAlerts.MessageType, a.Alert, PoliceAlerts.Exchange, a.RoutingKey));

    public static async Task<Episode> ReadEpisodeAsync(EventSession session, Guid episodeId, CancellationToken ct) =>
        FoldEpisode(await session.Events.FetchStreamAsync(Episode(episodeId), ct))
        ?? throw new RecordNotFound("missing episode", episodeId.ToString());
}
