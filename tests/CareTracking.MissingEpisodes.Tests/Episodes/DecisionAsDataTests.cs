using CareTracking.EventStore;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Children.NotingCare;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.ReportingMissing;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults.Http;
using CareTracking.Ssda903.Calendar;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Episodes;

/// <summary>
/// A decision that touches two streams is data, all of it decided before anything is written: the other
/// stream's events with their ids (derived by the names stored ids were always derived by, so a retry of an old
/// post still matches), the alerts and their disclosure lines. Equal inputs give equal decisions.
/// </summary>
public class DecisionAsDataTests
{
    static readonly EventIds Ids = new(new Guid("0192f0a4-0000-7000-8000-0000000000c1"));
    static readonly Guid Source = new("00000000-0000-0000-0000-00000000a001");

    static Decision<EpisodeEvent> ReportDecision(EventIds ids)
    {
        var child = Child(InCare());
        var decided = ReportMissing.Decide(new ReportMissing(EpisodeId, Authority, ChildId, MissingKind.Missing, LastSeen, Reported,
            RiskLevel.Medium, null, ExploitationRisk.None, "DY-250308-0042"), child, null, Now);
        return EpisodeCommands.Decision(decided, null, child, ChildId, childVersion: 1, ids, PoliceForces.BuiltIn);
    }

    [Fact]
    public void a_report_decides_the_childs_index_entry_with_its_derived_id_and_the_reported_alert_with_its_disclosure()
    {
        var decision = ReportDecision(Ids);

        Assert.Equal(new OtherStreamAppend("missing-child", "missing:C1234", 1,
            [new PendingEvent(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false), MessageIds.Derive(Ids.First, "missing-child-0"), UkLocalDate.Of(LastSeen))]),
            Assert.Single(decision.Appends));
        var alert = Assert.Single(decision.Messages);
        var body = Assert.IsType<PoliceAlert>(alert.Body);
        Assert.Equal((PoliceAlerts.AlertIdFor(Authority, EpisodeId, Ids.First, PoliceAlertKind.Reported), PoliceAlertKind.Reported, "derbyshire"),
            (alert.MessageId, body.Kind, alert.RoutingKey));
        Assert.Equal([new DisclosureToPolice(alert.MessageId, ChildId, EpisodeId, PoliceAlertKind.Reported, "derbyshire", RiskLevel.Medium)],
            decision.Disclosures);
    }

    [Fact]
    public void the_same_command_on_the_same_state_and_ids_decides_an_equal_decision_and_other_ids_another()
    {
        Assert.Equal(ReportDecision(Ids), ReportDecision(new EventIds(Ids.First)));
        Assert.NotEqual(ReportDecision(Ids), ReportDecision(new EventIds(Guid.CreateVersion7())));
    }

    [Fact]
    public void a_care_message_confirming_a_held_report_decides_the_episodes_append_at_the_version_read_and_its_alert()
    {
        var child = Child(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, AwaitingCareConfirmation: true));
        var held = Report(awaitingCare: true);
        var episodes = new ReadStreams(new Dictionary<string, IReadOnlyList<StoredEvent>>
        {
            [EpisodeStream.IdOf(EpisodeId)] = [new StoredEvent(7, 1, Authority, EpisodeStream.IdOf(EpisodeId), 1, Guid.NewGuid(),
                "missing.missing-episode-reported.v1", held, null, Reported, null, null, null)],
        });
        var decided = NoteCarePeriodStarted.Decide(new(CarePeriodStartedMessage(CareStart, Source)), child, Now);

        var decision = CareMessagesConsumer.Decision(decided, child, episodes, Ids, PoliceForces.BuiltIn);

        Assert.Equal(decided.ChildEvents, decision.Events);
        var confirmedId = MessageIds.Derive(Ids.First, $"care-confirmed/{EpisodeId}");
        Assert.Equal(new OtherStreamAppend("missing-episode", EpisodeStream.IdOf(EpisodeId), 1,
            [new PendingEvent(new EpisodeCareConfirmed(EpisodeId, CareStart), confirmedId, null)]), Assert.Single(decision.Appends));
        var alertId = PoliceAlerts.AlertIdFor(Authority, EpisodeId, confirmedId, PoliceAlertKind.Reported);
        Assert.Equal([alertId], decision.Messages.Select(m => m.MessageId));
        Assert.Equal([new DisclosureToPolice(alertId, ChildId, EpisodeId, PoliceAlertKind.Reported, "derbyshire", RiskLevel.Medium)],
            decision.Disclosures);
    }

    [Fact]
    public void a_care_message_that_would_change_an_episode_it_did_not_read_fails_rather_than_append_blind()
    {
        var child = Child(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, AwaitingCareConfirmation: true));
        var decided = NoteCarePeriodStarted.Decide(new(CarePeriodStartedMessage(CareStart, Source)), child, Now);

        Assert.Throws<InvalidOperationException>(() => CareMessagesConsumer.Decision(decided, child, ReadStreams.None, Ids, PoliceForces.BuiltIn));
    }
}
