using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Http;

namespace CareTracking.MissingEpisodes.Police;

/// <summary>
/// Every police alert is a disclosure about the child: a decision that queues one also logs it
/// (<see cref="DisclosureToPolice"/>, written in the same transaction by <see cref="StreamCommands"/>).
/// </summary>
public static class PoliceDisclosureLog
{
    /// <summary>The alerts to queue and their disclosure lines, in the order the alerts go out.</summary>
    public static Decision<TEvent> WithAlerts<TEvent>(this Decision<TEvent> decision, string childId, IReadOnlyList<OutboxMessage> alerts)
        where TEvent : class => decision with
        {
            Messages = [.. decision.Messages, .. alerts],
            Disclosures = [.. decision.Disclosures, .. alerts.Select(alert => LineFor(childId, alert))],
        };

    public static DisclosureToPolice LineFor(string childId, OutboxMessage message)
    {
        var alert = (PoliceAlert)message.Body;
        return new DisclosureToPolice(alert.AlertId, childId, alert.EpisodeId, alert.Kind, message.RoutingKey ?? "", alert.RiskLevel);
    }
}
