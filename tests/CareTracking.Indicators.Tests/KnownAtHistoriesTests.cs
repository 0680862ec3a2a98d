using System.Text.Json;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Projections;

namespace CareTracking.Indicators.Tests;

// The service answers known-at queries from each child's cached events; these check it against folding
// every event again (ChildHistories.Build) at instants between and on the recording instants.
public class KnownAtHistoriesTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly PlacementView Home = new("U4", "PR1", "DE22 3NE", null);

    private static DateTimeOffset Day(int days) => T0.AddDays(days);

    private static List<ProjectedEvent> Events(params (string? Child, Guid? Episode, int RecordedDay, object Data)[] events) =>
        [.. events.Select((e, i) => new ProjectedEvent(i + 1, Guid.NewGuid(), e.Child, e.Episode, Day(e.RecordedDay), e.Data))];

    private static string Json(IEnumerable<ChildRecord> records) => JsonSerializer.Serialize(records.Select(r => r.History));

    private static void AssertSameAsRefolding(List<ProjectedEvent> events)
    {
        var histories = AuthorityHistories.Of("831", events);
        Assert.Equal(Json(ChildHistories.Build("831", events, null)), Json(histories.KnownAt(null)));
        // Each instant twice: the second answer comes from the histories kept for that count of events.
        for (var round = 0; round < 2; round++)
            for (var day = -1; day <= 40; day++)
                foreach (var instant in new[] { Day(day), Day(day).AddTicks(-1) })
                    Assert.Equal(Json(ChildHistories.Build("831", events, instant)), Json(histories.KnownAt(instant)));
    }

    [Fact]
    public void histories_known_at_any_instant_are_those_folded_from_the_events_recorded_by_then()
    {
        var episode = Guid.NewGuid();
        var moved = Guid.NewGuid();
        var events = Events(
            ("C2", null, 1, new ChildEnteredCare(new DateOnly(2023, 12, 1), "C2", "N1", Home, "DE1 1AA", new ChildView(new DateOnly(2012, 5, 5), false))),
            ("C1", null, 2, new ChildEnteredCare(new DateOnly(2023, 11, 1), "C2", "N1", Home, "DE1 1AA", new ChildView(new DateOnly(2010, 1, 1), true))),
            ("C1", null, 3, new IroAllocated(new DateOnly(2023, 11, 3), "iro-1", "team-1")),
            ("C1", null, 20, new ReviewHeld(new DateOnly(2023, 11, 28), "PN1")),
            // A back-dated move, then its retraction; a ceasing recorded late.
            ("C2", null, 6, new PlacementMoved(new DateOnly(2023, 12, 20), Home with { Type = "K2" }, "CARPL", null, "P")),
            ("C2", null, 12, new UascStatusChanged(new DateOnly(2023, 12, 22), true)),
            ("C2", null, 14, new ReviewHeld(new DateOnly(2023, 12, 28), "PN3")),
            ("C2", null, 16, new ReviewCorrected(new DateOnly(2023, 12, 28), new DateOnly(2023, 12, 29), "PN4")),
            ("C1", null, 30, new ChildCeasedCare(new DateOnly(2023, 12, 31), "E4A")),
            // Missing-episode events recorded before the report naming the child: they count once it is known.
            (null, episode, 8, new ChildReturned(episode, Day(7))),
            (null, episode, 9, new ReturnInterviewOffered(episode, Day(8))),
            ("C1", episode, 10, new MissingEpisodeReported(episode, "C1", "M", Day(5))),
            (null, episode, 11, new ReturnInterviewCompleted(episode, Day(9))),
            // An episode whose report is never projected joins no child.
            (null, Guid.NewGuid(), 4, new ChildReturned(Guid.NewGuid(), Day(4))),
            // A child whose only known events, for a while, are an episode's.
            (null, moved, 18, new ChildReturned(moved, Day(17))),
            ("C3", moved, 25, new MissingEpisodeReported(moved, "C3", "A", Day(16))));
        var retracted = events[4].EventId;
        events.Add(new ProjectedEvent(events.Count + 1, Guid.NewGuid(), "C2", null, Day(15), new EventRetracted(new DateOnly(2024, 1, 15), retracted)));

        AssertSameAsRefolding(events);
    }

    [Fact]
    public void an_episode_reported_for_two_children_joins_its_events_to_the_report_known_first()
    {
        var episode = Guid.NewGuid();
        var events = Events(
            ("C1", null, 1, new ChildEnteredCare(new DateOnly(2023, 11, 1), "C2", "N1", Home, null, new ChildView(new DateOnly(2010, 1, 1), false))),
            ("C2", null, 1, new ChildEnteredCare(new DateOnly(2023, 11, 1), "C2", "N1", Home, null, new ChildView(new DateOnly(2011, 1, 1), false))),
            (null, episode, 3, new ChildReturned(episode, Day(3))),
            ("C2", episode, 9, new MissingEpisodeReported(episode, "C2", "M", Day(2))),
            ("C1", episode, 5, new MissingEpisodeReported(episode, "C1", "M", Day(2))));

        AssertSameAsRefolding(events);
    }

    [Fact]
    public void a_report_over_histories_seen_before_gives_the_figures_of_a_first_report()
    {
        var events = Events(
            ("C1", null, 1, new ChildEnteredCare(new DateOnly(2023, 6, 1), "C2", "N1", Home, null, new ChildView(new DateOnly(2010, 1, 1), false))),
            ("C1", null, 2, new PlacementMoved(new DateOnly(2023, 9, 1), Home with { Type = "R1" }, "CARPL", null, "P")),
            ("C2", null, 3, new ChildEnteredCare(new DateOnly(2022, 1, 1), "C2", "N1", Home, null, new ChildView(new DateOnly(2015, 1, 1), true))),
            ("C2", null, 4, new PlacementMoved(new DateOnly(2023, 3, 1), Home with { Postcode = "DE1 2AB" }, null, null, "T")),
            ("C2", null, 5, new ChildCeasedCare(new DateOnly(2023, 10, 1), "E11")));
        var histories = AuthorityHistories.Of("831", events).KnownAt(null).Select(r => r.History).ToList();
        var schedule = new HandComputedReviewSchedule().IroDeadline("2023-06-01", "2023-06-08");
        var indicators = new CommitteeIndicators(schedule);

        var sameCarerIsNew = new IndicatorSwitches(SameCarerChangeIsNewPlacement: true);
        foreach (var (year, switches) in new[] { (2024, IndicatorSwitches.Default), (2023, IndicatorSwitches.Default), (2023, sameCarerIsNew), (2023, IndicatorSwitches.Default) })
        {
            var window = ReportWindow.ForYear(year);
            var first = new CommitteeIndicators(schedule).Compute(histories, window, switches, ReferenceFigures.None);
            var again = indicators.Compute(histories, window, switches, ReferenceFigures.None);
            Assert.Equal(JsonSerializer.Serialize(first.Measures), JsonSerializer.Serialize(again.Measures));
        }
    }
}
