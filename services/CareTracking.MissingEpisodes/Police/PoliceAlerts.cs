using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.ServiceDefaults.Messaging;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.MissingEpisodes.Police;

/// <summary>
/// Maps an accepted episode event to the alerts the police must hear. Call it with the episode and the child
/// as folded after the decision's events (both streams), and the id the event was stored under: an alert's
/// id is derived from that id and the alert kind, so a redelivered or re-mapped event yields the same ids and
/// the force's consumer can drop duplicates.
/// Nothing goes out for a report awaiting care confirmation (or anything that happens to it meanwhile): the
/// alerts follow on <see cref="EpisodeCareConfirmed"/>, which sends "reported" with the risk level then in
/// force and, if the child is already back, "returned".
/// Nothing goes out for a report recorded after the child was already back
/// (<see cref="Episode.ReportedAfterReturn"/>): not at the report, not for its return, not when care is confirmed
/// for it, and it never raises "repeat-threshold" itself. The police cannot act on an episode that is over; it
/// still counts in the incident counts of later alerts.
/// An episode closed at the end of care (<see cref="EpisodeClosedAtEndOfCare"/>) or reopened when that end was
/// retracted (<see cref="EpisodeReopened"/>) sends nothing: the contract's kinds are fixed, the child was not
/// found (so not "returned"), and the force keeps its own missing-person case open whatever the local
/// authority's care status.
/// </summary>
public static class PoliceAlerts
{
    public const string Exchange = "police.missing-alerts";

    /// <summary>The AMQP type of an alert message.</summary>
    public const string MessageType = "police.missing-alert.v1";

    /// <summary>An alert's id: from the authority, the episode's stream, the source event and the kind. Event ids
    /// are unique only within an authority, so without the authority two authorities' alerts could share an id
    /// and the second be lost.</summary>
    public static Guid AlertIdFor(string authority, Guid episodeId, Guid sourceEventId, string kind) =>
        AuthorityMessageIds.For(authority, EpisodeStream.IdOf(episodeId), sourceEventId, $"police-alert/{kind}");

    /// <summary>The alerts for an episode event as outbox messages to the police exchange. The outbox message id
    /// is the alert id, so a re-sent alert keeps it.</summary>
    public static IEnumerable<OutboxMessage> OutboxFor(Guid eventId, EpisodeEvent @event, Episode episodeAfter, MissingChild childAfter, PoliceForces forces) =>
        For(eventId, @event, episodeAfter, childAfter, forces)
            .Select(a => new OutboxMessage(a.Alert.AlertId, OutboxMessage.Amqp, MessageType, a.Alert, Exchange, a.RoutingKey));

    public static IReadOnlyList<AddressedPoliceAlert> For(
        Guid sourceEventId, EpisodeEvent @event, Episode episode, MissingChild child, PoliceForces forces)
    {
        if (episode.AwaitingCareConfirmation || episode.ReportedAfterReturn) return [];
        var alerts = new List<(string Kind, DateTimeOffset AsAt)>();
        switch (@event)
        {
            case MissingEpisodeReported or EpisodeCareConfirmed:
                alerts.Add((PoliceAlertKind.Reported, episode.LastSeenAt));
                if (@event is EpisodeCareConfirmed && episode.ReturnedAt is { } returned)
                    alerts.Add((PoliceAlertKind.Returned, returned));
                if (RepeatMissing.IsCrossedBy(child, episode.EpisodeId))
                    alerts.Add((PoliceAlertKind.RepeatThreshold, episode.LastSeenAt));
                break;
            case RiskLevelChanged e:
                alerts.Add((PoliceAlertKind.RiskChanged, e.At));
                break;
            case ChildReturned e:
                alerts.Add((PoliceAlertKind.Returned, e.ReturnedAt));
                break;
        }

        if (alerts.Count == 0) return [];
        var lastSeenDate = UkLocalDate.Of(episode.LastSeenAt);
        var placementArea = child.PlacementAreaOn(lastSeenDate);
        var routingKey = forces.RoutingKeyFor(placementArea, episode.Authority);
        return alerts
            .Select(a => new AddressedPoliceAlert(routingKey, new PoliceAlert(
                AlertIdFor(episode.Authority, episode.EpisodeId, sourceEventId, a.Kind),
                a.Kind,
                episode.Authority,
                forces.ChildRefs.For(routingKey, episode.Authority, episode.ChildId),
                episode.EpisodeId,
                child.DateOfBirth is { } dob ? Age.InWholeYears(dob, lastSeenDate) : null,
                child.Sex,
                placementArea,
                episode.RiskLevel,
                episode.LastSeenAt.ToUniversalTime(),
                episode.ReturnedAt?.ToUniversalTime(),
                new PoliceAlertExploitationRisk(episode.ExploitationRisk.Criminal, episode.ExploitationRisk.Sexual),
                child.IncidentsInLast(30, a.AsAt),
                child.IncidentsInLast(90, a.AsAt),
                episode.PoliceReference)))
            .ToList();
    }
}
