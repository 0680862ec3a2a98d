using CareTracking.Contracts.Placements;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Children.NotingCare;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Episodes.ReportingMissing;
using static CareTracking.MissingEpisodes.Tests.Given;

namespace CareTracking.MissingEpisodes.Tests.Children;

/// <summary>
/// A report can arrive before Placements' message that the child is in care. It is recorded awaiting care
/// confirmation (not lost, not alerted) and becomes a live episode when a period covering its last-seen date
/// is noted.
/// </summary>
public class NoteCareTests
{
    static readonly Guid Source = new("00000000-0000-0000-0000-00000000a001");

    static MissingChild ChildWithHeldReport() =>
        Child(new EpisodeReportedNoted(EpisodeId, "M", LastSeen, AwaitingCareConfirmation: true));

    [Fact]
    public void a_care_period_started_message_is_noted_for_a_child_never_heard_of()
    {
        var decision = NoteCarePeriodStarted.Decide(new(CarePeriodStartedMessage(CareStart, Source)), MissingChild.Initial, Now);

        Assert.Equal([new CarePeriodNoted("831", "C1234", CareStart, "DE", "F", DateOfBirth, Source)], decision.ChildEvents);
        Assert.Empty(decision.ConfirmedEpisodes);
    }

    [Fact]
    public void a_redelivered_care_message_notes_nothing()
    {
        var child = Child(InCare(source: Source));

        Assert.True(NoteCarePeriodStarted.Decide(new(CarePeriodStartedMessage(CareStart, Source)), child, Now).IsEmpty);
    }

    [Fact]
    public void a_held_report_is_confirmed_when_a_care_period_covering_its_last_seen_date_is_noted()
    {
        var decision = NoteCarePeriodStarted.Decide(new(CarePeriodStartedMessage(CareStart, Source)), ChildWithHeldReport(), Now);

        Assert.Equal([new EpisodeCareConfirmed(EpisodeId, CareStart)], decision.ConfirmedEpisodes);
        Assert.Single(decision.ChildEvents);
    }

    [Fact]
    public void a_held_report_stays_held_when_the_care_period_noted_starts_after_its_last_seen_date()
    {
        var decision = NoteCarePeriodStarted.Decide(
            new(CarePeriodStartedMessage(new DateOnly(2025, 3, 9), Source)), ChildWithHeldReport(), Now);

        Assert.Empty(decision.ConfirmedEpisodes);
        var after = MissingChild.Fold([new EpisodeReportedNoted(EpisodeId, "M", LastSeen, true), .. decision.ChildEvents]);
        Assert.Equal([EpisodeId], after.AwaitingCareConfirmation.Select(e => e.EpisodeId));
    }

    [Fact]
    public void a_held_report_is_confirmed_by_an_ended_period_that_covered_its_last_seen_date()
    {
        var ended = new CarePeriodEnded("831", "C1234", CareStart, new DateOnly(2025, 4, 1), "E4A", Source);

        var decision = NoteCarePeriodEnded.Decide(new(ended), ChildWithHeldReport(), Now);

        // Confirmed, and (still missing when that care ended) closed at the end of care: EndOfCareTests.
        Assert.Equal(new CarePeriodEndNoted("831", "C1234", CareStart, new DateOnly(2025, 4, 1), Source, "E4A"), decision.ChildEvents[0]);
        Assert.Equal([new EpisodeCareConfirmed(EpisodeId, CareStart)], decision.ConfirmedEpisodes);
    }

    [Fact]
    public void a_placement_change_does_not_confirm_a_held_report()
    {
        var changed = new PlacementChanged("831", "C1234", new DateOnly(2025, 3, 1), "U4", "NG", "C2", Source);

        var decision = NotePlacementChanged.Decide(new(changed), ChildWithHeldReport(), Now);

        Assert.Equal([new PlacementNoted("831", "C1234", new DateOnly(2025, 3, 1), "NG", Source)], decision.ChildEvents);
        Assert.Empty(decision.ConfirmedEpisodes);
    }

    [Fact]
    public void the_held_report_becomes_an_incident_of_the_child_and_a_live_episode_once_confirmed()
    {
        var report = ReportMissing.Decide(
            new ReportMissing(EpisodeId, "831", "C1234", "M", LastSeen, Reported, "low", null, ExploitationRisk.None, null),
            MissingChild.Initial, null, Now);
        var held = MissingChild.Fold(report.ChildEvents);
        Assert.Empty(held.Incidents);

        var care = NoteCarePeriodStarted.Decide(new(CarePeriodStartedMessage(CareStart, Source)), held, Now);
        var child = MissingChild.Fold([.. report.ChildEvents, .. care.ChildEvents]);
        var episode = Episode.Fold([.. report.EpisodeEvents, .. care.ConfirmedEpisodes])!;

        Assert.Equal([EpisodeId], child.Incidents.Select(e => e.EpisodeId));
        Assert.False(episode.AwaitingCareConfirmation);
    }

    [Fact]
    public void a_care_period_ends_on_its_end_date_and_a_later_placement_area_applies_from_its_date()
    {
        var child = Child(
            InCare(area: "DE"),
            new PlacementNoted("831", "C1234", new DateOnly(2025, 3, 1), "NG", Guid.NewGuid()),
            new CarePeriodEndNoted("831", "C1234", CareStart, new DateOnly(2025, 4, 1), Guid.NewGuid()));

        Assert.Equal(
            (CareStatus.InCare, CareStatus.NotInCare, CareStatus.NotInCare, "DE", "NG"),
            (child.CareStatusOn(new DateOnly(2025, 3, 31)), child.CareStatusOn(new DateOnly(2025, 4, 1)),
                child.CareStatusOn(new DateOnly(2024, 1, 9)),
                child.PlacementAreaOn(new DateOnly(2025, 2, 28)), child.PlacementAreaOn(new DateOnly(2025, 3, 1))));
        Assert.Equal(CareStatus.NeverHeardOf, MissingChild.Initial.CareStatusOn(new DateOnly(2025, 3, 1)));
    }

    [Fact]
    public void a_reopened_period_covers_dates_after_its_retracted_end_and_confirms_a_held_report()
    {
        var ended = new CarePeriodEndNoted(Authority, ChildId, CareStart, new DateOnly(2025, 3, 1), Guid.NewGuid());
        var child = Child(InCare(), ended, new EpisodeReportedNoted(EpisodeId, "M", LastSeen, AwaitingCareConfirmation: true));
        Assert.Equal(CareStatus.NotInCare, child.CareStatusOn(new DateOnly(2025, 3, 8)));

        var decision = NoteCarePeriodReopened.Decide(
            new(new CarePeriodReopened(Authority, ChildId, CareStart, new DateOnly(2025, 3, 1), "C2", "U4", "DE", Source)), child, Now);

        Assert.Equal([new CarePeriodReopenNoted(Authority, ChildId, CareStart, Source, new DateOnly(2025, 3, 1))], decision.ChildEvents);
        Assert.Equal([new EpisodeCareConfirmed(EpisodeId, CareStart)], decision.ConfirmedEpisodes);
        Assert.Equal(CareStatus.InCare, MissingChild.Evolve(child, decision.ChildEvents[0]).CareStatusOn(new DateOnly(2025, 3, 8)));
    }

    [Fact]
    public void a_withdrawn_period_no_longer_covers_its_dates_but_a_confirmed_episode_stays_an_incident()
    {
        var child = Child(InCare(), new EpisodeReportedNoted(EpisodeId, "M", LastSeen, AwaitingCareConfirmation: false));

        var decision = NoteCarePeriodWithdrawn.Decide(new(new CarePeriodWithdrawn(Authority, ChildId, CareStart, Source)), child, Now);
        var after = MissingChild.Evolve(child, Assert.Single(decision.ChildEvents));

        Assert.Empty(decision.ConfirmedEpisodes);
        Assert.Equal(CareStatus.NeverHeardOf, after.CareStatusOn(new DateOnly(2025, 3, 8)));
        Assert.Null(after.PlacementAreaOn(new DateOnly(2025, 3, 8)));
        Assert.Equal([EpisodeId], after.Incidents.Select(e => e.EpisodeId));
    }

    [Fact]
    public void a_redelivered_correction_notes_nothing()
    {
        var child = Child(InCare(), new CarePeriodWithdrawalNoted(Authority, ChildId, CareStart, Source));

        Assert.True(NoteCarePeriodWithdrawn.Decide(new(new CarePeriodWithdrawn(Authority, ChildId, CareStart, Source)), child, Now).IsEmpty);
    }
}
