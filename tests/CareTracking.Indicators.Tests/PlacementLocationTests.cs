using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Projections;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

/// <summary>Placed over 20 miles and out of area at D (docs/measures.md), for authority 831.</summary>
public class PlacementLocationTests
{
    // A: moved on 01/10/2023 from 5.0 miles in 831 to 42.5 miles in 830 (another authority).
    private static readonly Model.ChildHistory A = Child("A",
        Episode("2022-05-01", "S", "U4", "2023-10-01", "X1", placedIn: "831", miles: 5.0m, reasonPlaceChange: "CARPL"),
        Episode("2023-10-01", "P", "K2", placedIn: "830", miles: 42.5m));

    // B: moved on 10/01/2024 from 30.0 miles in 830 back to 8.0 miles in 831 (the authority's own code).
    private static readonly Model.ChildHistory B = Child("B",
        Episode("2022-06-01", "S", "K2", "2024-01-10", "X1", placedIn: "830", miles: 30.0m, reasonPlaceChange: "CARPL"),
        Episode("2024-01-10", "P", "U4", placedIn: "831", miles: 8.0m));

    /// <summary>
    /// Looked after at 31/03/2024: A (42.5, 830), B (8.0, 831), C (999.9, 831), D (nothing recorded),
    /// E (120.0, WAL), F (20.0, CON), I (20.1, 831): 7. Not counted: G ceased care 01/02/2024 (100.0, 830);
    /// H is on short breaks (V4; 60.0, 830, as an old record could hold).
    /// Distance known: A, B, E, F, I = 5; over 20 miles: A, E, I = 3 (F's 20.0 is not more than 20) -> 60.0%;
    /// unknown: C (999.9), D (none) = 2.
    /// Area known: A, B, C, E, I = 5 (D none, F confidential); outside 831: A (830), E (WAL) = 2 -> 40.0%;
    /// unknown: D, F = 2.
    /// </summary>
    [Fact]
    public void distance_and_area_at_the_as_at_date_count_known_values_and_report_the_unknown_beside_them()
    {
        var children = new[]
        {
            A, B,
            Child("C", Episode("2023-05-01", "S", "U4", placedIn: "831", miles: 999.9m)),
            Child("D", Episode("2023-05-01", "S", "U4")),
            Child("E", Episode("2023-07-01", "S", "K2", placedIn: "WAL", miles: 120.0m)),
            Child("F", Episode("2023-07-01", "S", "U4", placedIn: "CON", miles: 20.0m)),
            Child("G", Episode("2023-04-01", "S", "K2", "2024-02-01", "E4A", placedIn: "830", miles: 100.0m)),
            Child("H", Episode("2024-01-01", "S", "K2", ls: "V4", placedIn: "830", miles: 60.0m)),
            Child("I", Episode("2023-08-01", "S", "U4", placedIn: "831", miles: 20.1m)),
        };

        var report = Report(Year2024, children);

        Assert.Equal(7m, report["cla"].Value);
        Assert.Equal(new Measure(60.0m, 3, 5), report["placedOver20MilesPct"]);
        Assert.Equal(Measure.Count(2), report["placedOver20MilesUnknown"]);
        Assert.Equal(new Measure(40.0m, 2, 5), report["outOfAreaPct"]);
        Assert.Equal(Measure.Count(2), report["outOfAreaUnknown"]);
    }

    /// <summary>
    /// 30/09/2023: A 5.0 in 831, B 30.0 in 830: 1 of 2 over 20 miles, 1 of 2 out of area.
    /// 15/11/2023 (A has moved, B not yet): A 42.5 in 830, B 30.0 in 830: 2 of 2 and 2 of 2.
    /// 15/01/2024 and 31/03/2024 (both have moved): A 42.5 in 830, B 8.0 in 831: 1 of 2 and 1 of 2.
    /// </summary>
    [Theory]
    [InlineData("2023-09-30", 1, 1)]
    [InlineData("2023-11-15", 2, 2)]
    [InlineData("2024-01-15", 1, 1)]
    [InlineData("2024-03-31", 1, 1)]
    public void a_placement_move_changes_the_distance_and_area_counted_from_the_day_of_the_move(string asAt, int over20, int outOfArea)
    {
        var report = Report(ReportWindow.EndingOn(D(asAt)), A, B);

        Assert.Equal((over20, 2), (report["placedOver20MilesPct"].Numerator!.Value, report["placedOver20MilesPct"].Denominator!.Value));
        Assert.Equal((outOfArea, 2), (report["outOfAreaPct"].Numerator!.Value, report["outOfAreaPct"].Denominator!.Value));
        Assert.Equal((0m, 0m), (report["placedOver20MilesUnknown"].Value!.Value, report["outOfAreaUnknown"].Value!.Value));
    }

    [Fact]
    public void the_move_day_counts_the_new_placement()
    {
        // DECOM 01/10/2023 of A's second episode: on that day the 42.5-mile placement in 830 is the one open.
        var report = Report(ReportWindow.EndingOn(D("2023-10-01")), A);

        Assert.Equal(new Measure(100.0m, 1, 1), report["placedOver20MilesPct"]);
        Assert.Equal(new Measure(100.0m, 1, 1), report["outOfAreaPct"]);
    }

    [Fact]
    public void with_nothing_recorded_the_percentages_are_empty_and_every_child_is_unknown()
    {
        var report = Report(Year2024, Child("D", Episode("2023-05-01", "S", "U4")), Child("D2", Episode("2023-06-01", "S", "K2")));

        Assert.Equal(new Measure(null, 0, 0), report["placedOver20MilesPct"]);
        Assert.Equal(new Measure(null, 0, 0), report["outOfAreaPct"]);
        Assert.Equal((2m, 2m), (report["placedOver20MilesUnknown"].Value!.Value, report["outOfAreaUnknown"].Value!.Value));
    }

    [Fact]
    public void the_authority_compared_is_each_child_s_own()
    {
        // A child of authority 830 placed in 830 is in area for 830; one of 831 placed in 830 is not.
        var of830 = Child("X", Episode("2023-05-01", "S", "U4", placedIn: "830", miles: 3.0m)) with { Authority = "830" };
        var of831 = Child("Y", Episode("2023-05-01", "S", "U4", placedIn: "830", miles: 3.0m));

        var report = Report(Year2024, of830, of831);

        Assert.Equal(new Measure(50.0m, 1, 2), report["outOfAreaPct"]);
    }

    [Fact]
    public void pl_la_and_distance_flow_from_the_placements_events_into_the_episodes()
    {
        var born = new ChildView(new DateOnly(2012, 5, 5), false);
        var events = new List<ProjectedEvent>
        {
            new(1, Guid.NewGuid(), "C1", null, At("2024-01-01T09:00:00Z"),
                new ChildEnteredCare(D("2023-05-01"), "C2", "N1", new PlacementView("U4", "PR1", "DE22 3NE", null, "831", 4.1m), "DE1 1AA", born)),
            new(2, Guid.NewGuid(), "C1", null, At("2024-01-02T09:00:00Z"),
                new PlacementMoved(D("2023-09-01"), new PlacementView("K2", "PR4", "NG7 2RD", "SC111111", "891", 31.7m), "CARPL", null, "P")),
            // An event from before Placements recorded them.
            new(3, Guid.NewGuid(), "C1", null, At("2024-01-03T09:00:00Z"),
                new PlacementMoved(D("2023-12-01"), new PlacementView("U4", "PR1", "DE22 3NE", null), "CARPL", null, "P")),
        };

        var episodes = ChildHistories.Build("831", events, null).Single().History.Episodes;

        Assert.Equal(
            [("831", 4.1m), ("891", 31.7m), (null, null)],
            episodes.Select(e => (e.PlLa, e.PlDistance)).ToList<(string?, decimal?)>());
    }
}
