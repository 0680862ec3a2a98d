using CareTracking.EventStore;
using NpgsqlTypes;

namespace CareTracking.MissingEpisodes.Police;

/// <summary>
/// Queues a police alert and records the disclosure in the same transaction (<c>ct_police_disclosures</c>,
/// Schema/005_privacy.sql): the outbox row goes 7 days after sending, the log row stays, so the child's subject-access
/// export can list what the police were told for as long as the record is kept. A retried append stages the same
/// alert id again and adds nothing, as the outbox does.
/// </summary>
public static class PoliceDisclosureLog
{
    public static void Publish(EventSession session, string childId, OutboxMessage message)
    {
        session.Publish(message);
        var alert = (PoliceAlert)message.Body;
        session.Execute(
            $"""
            insert into {session.Store.Schema}.ct_police_disclosures (authority, alert_id, child_id, episode_id, kind, force, risk_level)
            values (@a, @id, @child, @episode, @kind, @force, @risk)
            on conflict (authority, alert_id) do nothing
            """,
            p =>
            {
                p.AddWithValue("a", session.Authority);
                p.AddWithValue("id", alert.AlertId);
                p.AddWithValue("child", NpgsqlDbType.Text, childId);
                p.AddWithValue("episode", alert.EpisodeId);
                p.AddWithValue("kind", NpgsqlDbType.Text, alert.Kind);
                p.AddWithValue("force", NpgsqlDbType.Text, message.RoutingKey ?? "");
                p.AddWithValue("risk", NpgsqlDbType.Text, alert.RiskLevel);
            });
    }
}
