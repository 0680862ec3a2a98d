using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Police;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Police;

public class PoliceAlertsTests
{
    static readonly Guid SourceEvent = new("00000000-0000-0000-0000-0000000000a1");

    static IReadOnlyList<AddressedPoliceAlert> Map(EpisodeEvent @event, EpisodeEvent[] episodeStream, MissingChildEvent[] childStream) =>
        PoliceAlerts.For(SourceEvent, @event, Episode.Fold(episodeStream)!, MissingChild.Fold(childStream), PoliceForces.BuiltIn);

    static MissingChildEvent[] ChildInCareWith(params MissingChildEvent[] more) => [InCare(), .. more];

    [Fact]
    public void a_report_for_a_child_in_care_sends_a_reported_alert_to_the_force_of_the_placement_area()
    {
        var reported = Report(exploitation: new ExploitationRisk(Criminal: false, Sexual: true), riskLevel: "high");

        var alert = Assert.Single(Map(reported, [reported], ChildInCareWith(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false))));

        // Born 15 June 2010, last seen 8 March 2025: 14. One incident in both windows.
        Assert.Equal(new AddressedPoliceAlert("derbyshire", new PoliceAlert(
            PoliceAlerts.AlertIdFor("831", EpisodeId, SourceEvent, "reported"), "reported", "831", ChildRefKey.Development.For("derbyshire", "831", "C1234"), EpisodeId, 14, "F", "DE", "high",
            LastSeen, null, new PoliceAlertExploitationRisk(false, true), 1, 1, "DY-250308-0042")), alert);
    }

    [Fact]
    public void the_age_is_taken_on_the_uk_date_the_child_was_last_seen()
    {
        // 23:30 UTC on 14 June 2025 is 15 June in the UK: the 15th birthday.
        var lastSeen = new DateTimeOffset(2025, 6, 14, 23, 30, 0, TimeSpan.Zero);
        var reported = Report(lastSeen: lastSeen);

        var alert = Assert.Single(Map(reported, [reported], ChildInCareWith(new EpisodeReportedNoted(EpisodeId, "M", lastSeen, false))));

        Assert.Equal(15, alert.Alert.AgeYears);
    }

    [Fact]
    public void the_placement_area_is_the_one_on_the_last_seen_date()
    {
        var reported = Report();
        var moved = new PlacementNoted("831", "C1234", new DateOnly(2025, 3, 9), "LE", Guid.NewGuid());

        var alert = Assert.Single(Map(reported, [reported], ChildInCareWith(moved, new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false))));

        Assert.Equal(("derbyshire", "DE"), (alert.RoutingKey, alert.Alert.PlacementArea));
    }

    [Fact]
    public void a_redelivered_event_gives_the_same_alert_ids_and_each_kind_its_own()
    {
        Assert.Equal(PoliceAlerts.AlertIdFor("831", EpisodeId, SourceEvent, "reported"), PoliceAlerts.AlertIdFor("831", EpisodeId, SourceEvent, "reported"));
        Assert.NotEqual(PoliceAlerts.AlertIdFor("831", EpisodeId, SourceEvent, "reported"), PoliceAlerts.AlertIdFor("831", EpisodeId, SourceEvent, "repeat-threshold"));
        Assert.NotEqual(PoliceAlerts.AlertIdFor("831", EpisodeId, SourceEvent, "reported"), PoliceAlerts.AlertIdFor("831", EpisodeId, Guid.NewGuid(), "reported"));
    }

    [Fact]
    public void another_authority_or_episode_reusing_the_event_id_gets_other_alert_ids()
    {
        // Event ids are unique only within an authority: 830 may send the id 831 used (issue 10, item 1).
        Assert.NotEqual(PoliceAlerts.AlertIdFor("831", EpisodeId, SourceEvent, "reported"), PoliceAlerts.AlertIdFor("830", EpisodeId, SourceEvent, "reported"));
        Assert.NotEqual(PoliceAlerts.AlertIdFor("831", EpisodeId, SourceEvent, "reported"), PoliceAlerts.AlertIdFor("831", Guid.NewGuid(), SourceEvent, "reported"));
    }

    [Fact]
    public void a_report_awaiting_care_confirmation_sends_nothing()
    {
        var reported = Report(awaitingCare: true);

        Assert.Empty(Map(reported, [reported], [new EpisodeReportedNoted(EpisodeId, "M", LastSeen, true)]));
    }

    [Fact]
    public void confirming_care_for_a_report_held_until_after_the_return_sends_reported_and_returned()
    {
        var returnedAt = LastSeen.AddHours(5);
        var confirmed = new EpisodeCareConfirmed(EpisodeId, CareStart);
        EpisodeEvent[] stream = [Report(awaitingCare: true), new RiskLevelChanged(EpisodeId, LastSeen.AddHours(2), "high", "medium", "Reviewed"),
            new ChildReturned(EpisodeId, returnedAt, null), confirmed];
        MissingChildEvent[] child = [new EpisodeReportedNoted(EpisodeId, "M", LastSeen, true), new EpisodeReturnedNoted(EpisodeId, returnedAt), InCare()];

        var alerts = Map(confirmed, stream, child);

        Assert.Equal(["reported", "returned"], alerts.Select(a => a.Alert.Kind));
        Assert.All(alerts, a => Assert.Equal(("high", returnedAt, "derbyshire"), (a.Alert.RiskLevel, a.Alert.ReturnedAt, a.RoutingKey)));
    }

    [Fact]
    public void a_risk_change_sends_a_risk_changed_alert_with_the_new_level()
    {
        var changed = new RiskLevelChanged(EpisodeId, LastSeen.AddHours(2), "high", "medium", "Seen with older males");

        var alert = Assert.Single(Map(changed, [Report(), changed], ChildInCareWith(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false))));

        Assert.Equal(("risk-changed", "high", PoliceAlerts.AlertIdFor("831", EpisodeId, SourceEvent, "risk-changed")),
            (alert.Alert.Kind, alert.Alert.RiskLevel, alert.Alert.AlertId));
    }

    [Fact]
    public void a_return_sends_a_returned_alert_with_the_return_instant_in_utc()
    {
        var returnedAt = new DateTimeOffset(2025, 3, 9, 10, 40, 0, TimeSpan.FromHours(1));
        var returned = new ChildReturned(EpisodeId, returnedAt, "NG");

        var alert = Assert.Single(Map(returned, [Report(), returned],
            ChildInCareWith(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false), new EpisodeReturnedNoted(EpisodeId, returnedAt))));

        Assert.Equal(("returned", TimeSpan.Zero, new DateTimeOffset(2025, 3, 9, 9, 40, 0, TimeSpan.Zero)),
            (alert.Alert.Kind, alert.Alert.ReturnedAt!.Value.Offset, alert.Alert.ReturnedAt.Value));
    }

    [Fact]
    public void return_interview_steps_send_nothing()
    {
        var offered = new ReturnInterviewOffered(EpisodeId, LastSeen.AddHours(30), true);

        Assert.Empty(Map(offered, [Report(), new ChildReturned(EpisodeId, LastSeen.AddHours(5), null), offered],
            ChildInCareWith(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false))));
    }

    [Fact]
    public void the_third_incident_within_30_days_also_sends_a_repeat_threshold_alert_and_the_fourth_does_not()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var third = EpisodeId;
        var fourth = Guid.NewGuid();
        var child = new List<MissingChildEvent>
        {
            InCare(),
            new EpisodeReportedNoted(first, "M", LastSeen.AddDays(-20), false), new EpisodeReturnedNoted(first, LastSeen.AddDays(-20).AddHours(4)),
            new EpisodeReportedNoted(second, "A", LastSeen.AddDays(-10), false), new EpisodeReturnedNoted(second, LastSeen.AddDays(-10).AddHours(4)),
            new EpisodeReportedNoted(third, "M", LastSeen, false),
        };
        var thirdReported = Report();

        var thirdAlerts = Map(thirdReported, [thirdReported], [.. child]);

        Assert.Equal(["reported", "repeat-threshold"], thirdAlerts.Select(a => a.Alert.Kind));
        Assert.All(thirdAlerts, a => Assert.Equal((3, 3), (a.Alert.IncidentsLast30Days, a.Alert.IncidentsLast90Days)));

        child.Add(new EpisodeReturnedNoted(third, LastSeen.AddHours(4)));
        child.Add(new EpisodeReportedNoted(fourth, "M", LastSeen.AddDays(2), false));
        var fourthReported = Report(episodeId: fourth, lastSeen: LastSeen.AddDays(2));

        var fourthAlerts = Map(fourthReported, [fourthReported], [.. child]);

        Assert.Equal(["reported"], fourthAlerts.Select(a => a.Alert.Kind));
        Assert.Equal(4, fourthAlerts[0].Alert.IncidentsLast30Days);
    }

    [Fact]
    public void closing_an_episode_at_the_end_of_care_or_reopening_it_sends_nothing()
    {
        var closed = new EpisodeClosedAtEndOfCare(EpisodeId, new DateOnly(2025, 3, 20), "care-ended", "E8", CareStart);
        var reopened = new EpisodeReopened(EpisodeId, new DateOnly(2025, 3, 20), "care-period-reopened");
        var child = ChildInCareWith(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false));

        Assert.Empty(Map(closed, [Report(), closed], child));
        Assert.Empty(Map(reopened, [Report(), closed, reopened], child));
    }

    [Fact]
    public void a_return_recorded_after_the_closure_at_the_end_of_care_sends_a_returned_alert()
    {
        var closed = new EpisodeClosedAtEndOfCare(EpisodeId, new DateOnly(2025, 3, 20), "care-ended", "E8", CareStart);
        var returned = new ChildReturned(EpisodeId, LastSeen.AddDays(3), null);

        var alert = Assert.Single(Map(returned, [Report(), closed, returned],
            ChildInCareWith(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false), new EpisodeReturnedNoted(EpisodeId, LastSeen.AddDays(3)))));

        Assert.Equal(("returned", LastSeen.AddDays(3)), (alert.Alert.Kind, alert.Alert.ReturnedAt));
    }
}
