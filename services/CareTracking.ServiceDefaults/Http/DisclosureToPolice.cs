using CareTracking.EventStore;
using NpgsqlTypes;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>
/// A line of the police disclosure log (<c>ct_police_disclosures</c>, Schema/005_privacy.sql) that a decision writes
/// with the alert it queues: the outbox row goes 7 days after sending, the log line stays, so the child's
/// subject-access export can list what the police were told (<see cref="PoliceDisclosure"/>) for as long as the
/// record is kept. A retried append stages the same alert id again and adds nothing, as the outbox does.
/// </summary>
/// <param name="Force">The force the alert was routed to (its routing key).</param>
public sealed record DisclosureToPolice(Guid AlertId, string ChildId, Guid EpisodeId, string Kind, string Force, string RiskLevel)
{
    internal void StageIn(EventSession session) => session.Execute(
        $"""
        insert into {session.Store.Schema}.ct_police_disclosures (authority, alert_id, child_id, episode_id, kind, force, risk_level)
        values (@a, @id, @child, @episode, @kind, @force, @risk)
        on conflict (authority, alert_id) do nothing
        """,
        p =>
        {
            p.AddWithValue("a", session.Authority);
            p.AddWithValue("id", AlertId);
            p.AddWithValue("child", NpgsqlDbType.Text, ChildId);
            p.AddWithValue("episode", EpisodeId);
            p.AddWithValue("kind", NpgsqlDbType.Text, Kind);
            p.AddWithValue("force", NpgsqlDbType.Text, Force);
            p.AddWithValue("risk", NpgsqlDbType.Text, RiskLevel);
        });
}
