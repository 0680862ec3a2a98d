using CareTracking.Indicators.Measures;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

// 3+ placements: cohort = looked after on 31/03/2024; numerator = 3 or more placements open on some day
// of 01/04/2023..31/03/2024. Each scenario sits on the threshold, so miscounting one placement flips it.
public class PlacementStabilityTests
{
    [Fact]
    public void a_legal_status_only_change_is_not_a_new_placement()
    {
        // U4 (C1) -> L: same U4, now C2 -> P: K2. Three episodes, two carers: 2 placements -> 0/1.
        var child = Child("C1",
            Episode("2023-05-01", "S", "U4", "2023-08-01", "X1", ls: "C1"),
            Episode("2023-08-01", "L", "U4", "2023-11-01", "X1", ls: "C2"),
            Episode("2023-11-01", "P", "K2"));

        Assert.Equal(new Measure(0.0m, 0, 1), Report(Year2024, child)["threePlusPlacementsPct"]);
    }

    [Fact]
    public void a_same_carer_move_is_not_a_new_placement_unless_the_switch_is_on()
    {
        // U4 -> P: U6 with new carers -> T: the U6 carers move house (new PL_POST). Default: 2 placements
        // (0/1). With RNE T/U counted as new placements: 3 (1/1 = 100.0).
        var child = Child("C1",
            Episode("2023-05-01", "S", "U4", "2023-07-01", "X1", reasonPlaceChange: "CARPL"),
            Episode("2023-07-01", "P", "U6", "2023-12-01", "X1", post: "DE1 1AA", reasonPlaceChange: "PLACE"),
            Episode("2023-12-01", "T", "U6", post: "DE3 3CC"));

        Assert.Equal(new Measure(0.0m, 0, 1), Report(Year2024, child)["threePlusPlacementsPct"]);
        Assert.Equal(new Measure(100.0m, 1, 1),
            Report(Year2024, new IndicatorSwitches(SameCarerChangeIsNewPlacement: true), child)["threePlusPlacementsPct"]);
    }

    [Fact]
    public void a_temporary_placement_and_the_return_to_the_same_placement_are_not_new_placements()
    {
        // A: U4 at DE1 1AA -> T3 (carers on holiday) -> back to U4 at DE1 1AA -> K2: U4 (with the T3 and the
        // return) and K2 = 2 placements, out.
        // B: the same, but the return is to U4 at DE2 2BB, so rule 383 does not hold and RNE P decides:
        // U4 (with T0), U4 at DE2, K2 = 3 placements, in. 1/2 = 50.0.
        var a = Child("A",
            Episode("2023-05-01", "S", "U4", "2023-07-01", "X1", post: "DE1 1AA"),
            Episode("2023-07-01", "P", "T3", "2023-07-15", "X1", post: "LL1 1AA", provider: null),
            Episode("2023-07-15", "P", "U4", "2023-10-01", "X1", post: "DE1 1AA"),
            Episode("2023-10-01", "P", "K2"));
        var b = Child("B",
            Episode("2023-05-01", "S", "U4", "2023-07-01", "X1", post: "DE1 1AA"),
            Episode("2023-07-01", "P", "T0", "2023-07-15", "X1", post: "LL1 1AA", provider: null),
            Episode("2023-07-15", "P", "U4", "2023-10-01", "X1", post: "DE2 2BB"),
            Episode("2023-10-01", "P", "K2"));

        Assert.Equal(new Measure(50.0m, 1, 2), Report(Year2024, a, b)["threePlusPlacementsPct"]);
    }

    [Fact]
    public void two_temporary_placements_in_a_row_then_the_return_are_one_placement()
    {
        // U4 -> T1 (hospital) -> T4 (respite elsewhere) -> back to the U4 -> P: K2 -> P: U6.
        // Placements: U4 (T1, T4, return), K2, U6 = 3, in: 1/1.
        // Were the return a new placement it would be 4 (still in), so B guards the other side:
        // U4 -> T1 -> T4 -> back to U4 -> K2 = 2, out. 1/2 = 50.0.
        var a = Child("A",
            Episode("2023-05-01", "S", "U4", "2023-06-01", "X1"),
            Episode("2023-06-01", "P", "T1", "2023-06-10", "X1", post: "DE9 9ZZ", provider: null),
            Episode("2023-06-10", "P", "T4", "2023-06-14", "X1", post: "DE8 8YY", provider: null),
            Episode("2023-06-14", "P", "U4", "2023-09-01", "X1"),
            Episode("2023-09-01", "P", "K2", "2024-01-01", "X1"),
            Episode("2024-01-01", "P", "U6", post: "NG1 1AA"));
        var b = Child("B",
            Episode("2023-05-01", "S", "U4", "2023-06-01", "X1"),
            Episode("2023-06-01", "P", "T1", "2023-06-10", "X1", post: "DE9 9ZZ", provider: null),
            Episode("2023-06-10", "P", "T4", "2023-06-14", "X1", post: "DE8 8YY", provider: null),
            Episode("2023-06-14", "P", "U4", "2023-09-01", "X1"),
            Episode("2023-09-01", "P", "K2"));

        Assert.Equal(new Measure(50.0m, 1, 2), Report(Year2024, a, b)["threePlusPlacementsPct"]);
    }

    [Fact]
    public void a_placement_that_ended_on_1_april_does_not_count_but_one_ending_on_2_april_does()
    {
        // A: U4 ends 01/04/2023 (not open on any day of the year), U6, K2 -> 2, out.
        // B: U4 ends 02/04/2023 (open on 1 April), U6, K2 -> 3, in. 1/2 = 50.0.
        var a = Child("A",
            Episode("2022-01-01", "S", "U4", "2023-04-01", "X1"),
            Episode("2023-04-01", "P", "U6", "2023-10-01", "X1"),
            Episode("2023-10-01", "P", "K2"));
        var b = Child("B",
            Episode("2022-01-01", "S", "U4", "2023-04-02", "X1"),
            Episode("2023-04-02", "P", "U6", "2023-10-01", "X1"),
            Episode("2023-10-01", "P", "K2"));

        Assert.Equal(new Measure(50.0m, 1, 2), Report(Year2024, a, b)["threePlusPlacementsPct"]);
    }

    [Fact]
    public void placements_in_an_earlier_period_of_care_in_the_same_year_count()
    {
        // Period 1: U4, then K2, returned home 01/09/2023. Period 2 from 01/01/2024: U6. 3 placements: 1/1.
        var child = Child("C1",
            Episode("2023-05-01", "S", "U4", "2023-07-01", "X1"),
            Episode("2023-07-01", "P", "K2", "2023-09-01", "E4A"),
            Episode("2024-01-01", "S", "U6"));

        Assert.Equal(new Measure(100.0m, 1, 1), Report(Year2024, child)["threePlusPlacementsPct"]);
    }

    [Fact]
    public void a_child_no_longer_looked_after_on_31_march_is_outside_the_cohort()
    {
        // Four placements but care ended 01/03/2024 (adopted): cohort 0, no value.
        var child = Child("C1",
            Episode("2023-05-01", "S", "U4", "2023-07-01", "X1"),
            Episode("2023-07-01", "P", "K2", "2023-09-01", "X1"),
            Episode("2023-09-01", "P", "U6", "2023-12-01", "X1"),
            Episode("2023-12-01", "P", "A6", "2024-03-01", "E11"));

        Assert.Equal(new Measure(null, 0, 0), Report(Year2024, child)["threePlusPlacementsPct"]);
    }

    [Fact]
    public void moves_are_placements_followed_by_another_in_the_same_period_grouped_by_reason()
    {
        // U4 -> (CREQB) K2 -> (CARPL) U6 -> returned home. Moves in the year: U4 end (CREQB) and K2 end
        // (CARPL) = 2; the U6 ends with care, not a move. The legal-status-only change is no move.
        var child = Child("C1",
            Episode("2023-05-01", "S", "U4", "2023-06-01", "X1", ls: "C1"),
            Episode("2023-06-01", "L", "U4", "2023-07-01", "X1", reasonPlaceChange: "CREQB"),
            Episode("2023-07-01", "P", "K2", "2023-09-01", "X1", reasonPlaceChange: "CARPL"),
            Episode("2023-09-01", "P", "U6", "2023-12-01", "E4A"));

        var report = Report(Year2024, child);

        Assert.Equal(2m, report["placementMoves"].Value);
        Assert.Equal(new Measure(50.0m, 1, 2), report["placementMovesByReason.CREQB"]);
        Assert.Equal(new Measure(50.0m, 1, 2), report["placementMovesByReason.CARPL"]);
    }
}
