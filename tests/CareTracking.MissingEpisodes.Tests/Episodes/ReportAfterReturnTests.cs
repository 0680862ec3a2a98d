using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Children.NotingCare;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.RecordingReturn;
using CareTracking.MissingEpisodes.Episodes.ReportingMissing;
using CareTracking.MissingEpisodes.Police;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Episodes;

/// <summary>A report recorded after the child was already back (POST /api/missing-episodes with returnedAt):
/// the report and the return in one append under the rules of both, and no police alert for it.</summary>
public class ReportAfterReturnTests
{
    /// <summary>Back at 02:00 UTC on 9 March 2025, four and a half hours after last seen, before Now (midday).</summary>
    static readonly DateTimeOffset Returned = new(2025, 3, 9, 2, 0, 0, TimeSpan.Zero);

    static ReportMissing Command(DateTimeOffset? lastSeen = null, DateTimeOffset? returned = null, string? foundArea = "NG",
        Guid? episodeId = null, bool withReturn = true) =>
        new(episodeId ?? EpisodeId, Authority, ChildId, MissingKind.Missing, lastSeen ?? LastSeen, lastSeen ?? LastSeen, RiskLevel.Medium,
            null, ExploitationRisk.None, null, withReturn ? returned ?? Returned : null, withReturn ? foundArea : null);

    static EpisodeDecision When(ReportMissing command, MissingChild child, Episode? episode = null) =>
        ReportMissing.Decide(command, child, episode, Now);

    /// <summary>The alerts of each event of a decision, as EpisodeCommands puts them in the outbox.</summary>
    static List<AddressedPoliceAlert> AlertsOf(EpisodeDecision decision, MissingChild child, Episode? before = null)
    {
        var childAfter = decision.ChildEvents.Aggregate(child, MissingChild.Evolve);
        var episode = before;
        var alerts = new List<AddressedPoliceAlert>();
        foreach (var @event in decision.EpisodeEvents)
        {
            episode = Episode.Evolve(episode, @event);
            alerts.AddRange(PoliceAlerts.For(Guid.NewGuid(), @event, episode, childAfter, PoliceForces.BuiltIn));
        }
        return alerts;
    }

    [Fact]
    public void a_report_with_its_return_records_both_and_notes_both_in_the_child_index()
    {
        var decision = When(Command(), Child(InCare()));

        Assert.Equal(
            [new MissingEpisodeReported(EpisodeId, "831", "C1234", "M", LastSeen, LastSeen, "medium", "medium", null,
                ExploitationRisk.None, null, AwaitingCareConfirmation: false, ReportedAfterReturn: true),
             new ChildReturned(EpisodeId, Returned, "NG")],
            decision.EpisodeEvents);
        Assert.Equal(
            [new EpisodeReportedNoted(EpisodeId, "M", LastSeen, false, ReportedAfterReturn: true), new EpisodeReturnedNoted(EpisodeId, Returned)],
            decision.ChildEvents);
    }

    [Fact]
    public void the_return_interview_is_due_72_hours_after_the_return()
    {
        var episode = Episode.Fold(When(Command(), Child(InCare())).EpisodeEvents)!;

        Assert.Equal(Returned.AddHours(72), episode.ReturnInterviewDueBy);
        Assert.Equal(("returned", "due"), (EpisodeView.StatusOf(episode), episode.ReturnInterviewStatusAt(Now)));
    }

    [Fact]
    public void a_report_with_a_return_sends_no_police_alert()
    {
        var child = Child(InCare());

        Assert.Empty(AlertsOf(When(Command(), child), child));
    }

    [Fact]
    public void a_plain_report_still_sends_its_reported_alert() =>
        Assert.Equal(["reported"], AlertsOf(When(Command(withReturn: false), Child(InCare())), Child(InCare())).Select(a => a.Alert.Kind));

    [Fact]
    public void a_return_at_the_last_seen_instant_is_rejected() =>
        ThenViolates("returnedAt", "return.before-last-seen", () => When(Command(returned: LastSeen), Child(InCare())));

    [Fact]
    public void a_return_a_second_after_last_seen_is_accepted() =>
        Assert.Equal(2, When(Command(returned: LastSeen.AddSeconds(1)), Child(InCare())).EpisodeEvents.Count);

    [Fact]
    public void a_return_more_than_five_minutes_ahead_of_now_is_rejected_and_up_to_five_is_accepted()
    {
        ThenViolates("returnedAt", "return.in-future", () => When(Command(returned: Now.AddMinutes(5).AddSeconds(1)), Child(InCare())));
        Assert.Equal(2, When(Command(returned: Now.AddMinutes(5)), Child(InCare())).EpisodeEvents.Count);
    }

    [Fact]
    public void the_report_rules_still_apply_first() =>
        ThenViolates("lastSeenAt", "child.not-in-care",
            () => When(Command(), Child(InCare(start: new DateOnly(2025, 3, 9)))));

    [Fact]
    public void an_open_episode_of_the_child_still_refuses_it_as_two_posts_would()
    {
        var child = Child(InCare(), new EpisodeReportedNoted(Guid.NewGuid(), "A", LastSeen.AddDays(-2), false));

        ThenViolates("childId", "episode.already-open", () => When(Command(), child));
    }

    [Fact]
    public void a_return_past_the_last_seen_instant_of_a_later_episode_is_rejected_and_one_at_it_is_accepted()
    {
        // A later episode, last seen at 01:00 and back at 03:00, already recorded: this one (last seen 21:30 the
        // evening before) may end at 01:00, not after (903 rule 574).
        var later = Guid.NewGuid();
        var laterSeen = new DateTimeOffset(2025, 3, 9, 1, 0, 0, TimeSpan.Zero);
        var child = Child(InCare(), new EpisodeReportedNoted(later, "M", laterSeen, false), new EpisodeReturnedNoted(later, laterSeen.AddHours(2)));

        ThenViolates("returnedAt", "episode.overlaps", () => When(Command(returned: laterSeen.AddSeconds(1)), child));
        Assert.Equal(2, When(Command(returned: laterSeen), child).EpisodeEvents.Count);
    }

    [Fact]
    public void last_seen_within_an_earlier_episode_is_rejected()
    {
        var earlier = Guid.NewGuid();
        var child = Child(InCare(), new EpisodeReportedNoted(earlier, "M", LastSeen.AddHours(-3), false),
            new EpisodeReturnedNoted(earlier, LastSeen.AddSeconds(1)));

        ThenViolates("lastSeenAt", "episode.overlaps", () => When(Command(), child));
    }

    [Fact]
    public void a_found_area_without_a_return_is_rejected() =>
        ThenViolates("foundArea", "report.found-area-without-return",
            () => When(Command(withReturn: false) with { FoundArea = "NG" }, Child(InCare())));

    [Fact]
    public void in_a_period_care_has_already_ended_a_return_after_the_day_care_ended_is_rejected_and_one_on_it_replaces_the_closure()
    {
        // Care ended on 9 March (first day not looked after): a return that UK day is the real end, one on the 10th is not.
        var child = Child(InCare(), new CarePeriodEndNoted(Authority, ChildId, CareStart, new DateOnly(2025, 3, 9), Guid.NewGuid(), "E4A"));

        ThenViolates("returnedAt", "return.after-care-ended",
            () => ReportMissing.Decide(Command(returned: new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero)), child, null, Now.AddDays(2)));
        var episode = Episode.Fold(When(Command(), child).EpisodeEvents)!;
        Assert.Equal((Returned, (EndOfCareClosure?)null), (episode.ReturnedAt, episode.ClosedAtEndOfCare));
    }

    [Fact]
    public void the_same_report_with_the_same_return_again_appends_nothing()
    {
        var child = Child(InCare());
        var first = When(Command(), child);
        var afterFirst = first.ChildEvents.Aggregate(child, MissingChild.Evolve);

        Assert.True(When(Command(foundArea: " NG "), afterFirst, Episode.Fold(first.EpisodeEvents)).IsEmpty);
    }

    [Theory]
    [InlineData("return-differs")]
    [InlineData("found-area-differs")]
    [InlineData("without-return")]
    public void the_same_id_with_a_different_return_or_none_is_a_different_report(string difference)
    {
        var child = Child(InCare());
        var first = When(Command(), child);
        var afterFirst = first.ChildEvents.Aggregate(child, MissingChild.Evolve);
        var retry = difference switch
        {
            "return-differs" => Command(returned: Returned.AddMinutes(1)),
            "found-area-differs" => Command(foundArea: "DE"),
            _ => Command(withReturn: false),
        };

        ThenViolates("episodeId", "episode.already-reported", () => When(retry, afterFirst, Episode.Fold(first.EpisodeEvents)));
    }

    [Fact]
    public void a_report_made_while_missing_is_not_repeated_by_one_with_a_return()
    {
        var child = Child(InCare());
        var plain = When(Command(withReturn: false), child);

        ThenViolates("episodeId", "episode.already-reported",
            () => When(Command(), plain.ChildEvents.Aggregate(child, MissingChild.Evolve), Episode.Fold(plain.EpisodeEvents)));
    }

    [Fact]
    public void a_held_report_with_a_return_sends_nothing_when_care_is_confirmed()
    {
        var held = When(Command(), MissingChild.Initial);
        var child = held.ChildEvents.Aggregate(MissingChild.Initial, MissingChild.Evolve);
        var episode = Episode.Fold(held.EpisodeEvents)!;
        Assert.True(episode.AwaitingCareConfirmation);

        var care = NoteCarePeriodStarted.Decide(new(CarePeriodStartedMessage(CareStart, Guid.NewGuid())), child, Now);

        var confirmed = Assert.IsType<EpisodeCareConfirmed>(Assert.Single(care.EpisodeEvents));
        var childAfter = care.ChildEvents.Aggregate(child, MissingChild.Evolve);
        var confirmedEpisode = Episode.Evolve(episode, confirmed);
        Assert.Empty(PoliceAlerts.For(Guid.NewGuid(), confirmed, confirmedEpisode, childAfter, PoliceForces.BuiltIn));
        Assert.Equal(1, childAfter.IncidentsInLast(30, Now));
    }

    [Fact]
    public void it_counts_in_a_later_live_alert_but_does_not_itself_raise_the_repeat_threshold()
    {
        // Two live incidents on 20 and 28 February, then the 1 March one reported after the return: the third
        // in 30 days, and no alert at all. The live report of 8 March is the fourth: its counts include the
        // 1 March one, and as the first incident the police hear of since the child went over the threshold,
        // it carries the crossing.
        var (child, _) = Live(LastSeen.AddDays(-16), LastSeen.AddDays(-8));
        var historic = When(Command(lastSeen: LastSeen.AddDays(-7), returned: LastSeen.AddDays(-7).AddHours(5), episodeId: Guid.NewGuid()), child);
        Assert.Empty(AlertsOf(historic, child));
        child = historic.ChildEvents.Aggregate(child, MissingChild.Evolve);

        var live = When(Command(withReturn: false), child);
        var alerts = AlertsOf(live, child);

        Assert.Equal(["reported", "repeat-threshold"], alerts.Select(a => a.Alert.Kind));
        Assert.All(alerts, a => Assert.Equal((4, 4), (a.Alert.IncidentsLast30Days, a.Alert.IncidentsLast90Days)));
    }

    [Fact]
    public void a_live_report_that_crosses_the_threshold_with_historic_ones_raises_it()
    {
        // One historic incident and one live one, then the live third: it crosses (2 before it), as any third does.
        var (child, _) = Live(LastSeen.AddDays(-8));
        var historic = When(Command(lastSeen: LastSeen.AddDays(-16), returned: LastSeen.AddDays(-16).AddHours(5), episodeId: Guid.NewGuid()), child);
        child = historic.ChildEvents.Aggregate(child, MissingChild.Evolve);

        Assert.Equal(["reported", "repeat-threshold"], AlertsOf(When(Command(withReturn: false), child), child).Select(a => a.Alert.Kind));
    }

    [Fact]
    public void once_a_live_incident_carried_the_crossing_a_later_one_does_not_raise_it_again()
    {
        // Historic, historic, historic (crossing silently), live (carries it), then live again: reported only.
        var (child, _) = Live();
        foreach (var days in new[] { -20, -18, -16 })
        {
            var historic = When(Command(lastSeen: LastSeen.AddDays(days), returned: LastSeen.AddDays(days).AddHours(5), episodeId: Guid.NewGuid()), child);
            child = historic.ChildEvents.Aggregate(child, MissingChild.Evolve);
        }
        var fourth = When(Command(lastSeen: LastSeen.AddDays(-8), withReturn: false, episodeId: Guid.NewGuid()), child);
        Assert.Contains("repeat-threshold", AlertsOf(fourth, child).Select(a => a.Alert.Kind));
        child = fourth.ChildEvents.Aggregate(child, MissingChild.Evolve);
        child = MissingChild.Evolve(child, new EpisodeReturnedNoted(fourth.EpisodeId, LastSeen.AddDays(-8).AddHours(3)));

        Assert.Equal(["reported"], AlertsOf(When(Command(withReturn: false), child), child).Select(a => a.Alert.Kind));
    }

    /// <summary>A child in care with live incidents (reported while missing, each back three hours later).</summary>
    static (MissingChild Child, Guid[] Ids) Live(params DateTimeOffset[] lastSeen)
    {
        var ids = lastSeen.Select(_ => Guid.NewGuid()).ToArray();
        var events = lastSeen.SelectMany<DateTimeOffset, MissingChildEvent>((at, i) =>
            [new EpisodeReportedNoted(ids[i], "M", at, false), new EpisodeReturnedNoted(ids[i], at.AddHours(3))]);
        return (MissingChild.Fold([InCare(), .. events]), ids);
    }

    [Fact]
    public void a_return_recorded_separately_for_such_an_episode_is_a_repeat_when_the_same()
    {
        var child = Child(InCare());
        var first = When(Command(), child);

        var again = RecordReturn.Decide(new RecordReturn(EpisodeId, Returned, "NG"),
            first.ChildEvents.Aggregate(child, MissingChild.Evolve), Episode.Fold(first.EpisodeEvents), Now);

        Assert.True(again.IsEmpty);
    }
}
