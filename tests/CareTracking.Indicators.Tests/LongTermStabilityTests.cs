using CareTracking.Indicators.Measures;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

// Year ending 31/03/2022 (the example in docs/measures.md): the 30-month cut is 31/03/2022 - 30 months =
// 31/09/2019, which does not exist, so 30/09/2019. The 2-year cut is 31/03/2020.
public class LongTermStabilityTests
{
    private static readonly ReportWindow Year2022 = ReportWindow.ForYear(2022);

    [Fact]
    public void a_child_in_care_exactly_30_months_on_the_boundary_is_in_the_cohort_and_one_day_short_is_out()
    {
        // A: period and placement from 30/09/2019 -> cohort, and placed 2+ years -> stable.
        // B: from 01/10/2019 -> 29 months and 30 days, out. 1/1 = 100.0.
        var a = Child("A", Episode("2019-09-30", "S", "U4")).BornOn("2012-01-01");
        var b = Child("B", Episode("2019-10-01", "S", "U4")).BornOn("2012-01-01");

        Assert.Equal(new Measure(100.0m, 1, 1), Report(Year2022, a, b)["longTermStabilityPct"]);
    }

    [Fact]
    public void a_child_whose_16th_birthday_is_31_march_is_out_and_one_a_day_younger_is_in()
    {
        // A born 31/03/2006 is 16 on 31/03/2022: out. B born 01/04/2006 is 15: in, and unstable (placement
        // from 01/06/2021). 0/1.
        var a = Child("A", Episode("2018-01-01", "S", "U4")).BornOn("2006-03-31");
        var b = Child("B",
            Episode("2018-01-01", "S", "U4", "2021-06-01", "X1"),
            Episode("2021-06-01", "P", "K2")).BornOn("2006-04-01");

        Assert.Equal(new Measure(0.0m, 0, 1), Report(Year2022, a, b)["longTermStabilityPct"]);
    }

    [Fact]
    public void a_placement_that_began_exactly_two_years_before_is_stable_and_one_day_later_is_not()
    {
        // A: current carer from 31/03/2020 (= the 2-year cut): stable. B: from 01/04/2020: not. 1/2 = 50.0.
        var a = Child("A",
            Episode("2018-01-01", "S", "K2", "2020-03-31", "X1"),
            Episode("2020-03-31", "P", "U4")).BornOn("2012-01-01");
        var b = Child("B",
            Episode("2018-01-01", "S", "K2", "2020-04-01", "X1"),
            Episode("2020-04-01", "P", "U4")).BornOn("2012-01-01");

        Assert.Equal(new Measure(50.0m, 1, 2), Report(Year2022, a, b)["longTermStabilityPct"]);
    }

    [Fact]
    public void a_legal_status_change_and_a_same_carer_move_keep_the_placement_start()
    {
        // U4 from 01/01/2019; L (C1 -> C2) on 01/01/2021; T: carers move house 01/09/2021. Same carer since
        // 01/01/2019: stable, 1/1. With the switch on, the T episode begins a placement on 01/09/2021: 0/1.
        var child = Child("C1",
            Episode("2019-01-01", "S", "U4", "2021-01-01", "X1", ls: "C1"),
            Episode("2021-01-01", "L", "U4", "2021-09-01", "X1"),
            Episode("2021-09-01", "T", "U4", post: "DE5 5EE")).BornOn("2012-01-01");

        Assert.Equal(new Measure(100.0m, 1, 1), Report(Year2022, child)["longTermStabilityPct"]);
        Assert.Equal(new Measure(0.0m, 0, 1),
            Report(Year2022, new IndicatorSwitches(SameCarerChangeIsNewPlacement: true), child)["longTermStabilityPct"]);
    }

    [Fact]
    public void placed_for_adoption_with_the_foster_carers_counts_the_foster_time_with_those_carers()
    {
        // U4 with the carers from 01/01/2020, who become adopters: A5 entered with RNE U on 01/09/2021. The
        // adoptive placement is the same-carer run from 01/01/2020 (<= 31/03/2020): stable, 1/1.
        var child = Child("C1",
            Episode("2019-06-01", "S", "K2", "2020-01-01", "X1", ls: "C1"),
            Episode("2020-01-01", "P", "U4", "2021-09-01", "X1", ls: "C1"),
            Episode("2021-09-01", "U", "A5", ls: "E1")).BornOn("2018-01-01");

        Assert.Equal(new Measure(100.0m, 1, 1), Report(Year2022, child)["longTermStabilityPct"]);
    }

    [Fact]
    public void placed_for_adoption_counts_the_placement_immediately_before_it()
    {
        // A: K2 from 01/06/2019, U6 from 01/03/2020, placed for adoption with new adopters (A6, RNE P)
        // 01/10/2021. A6 + the U6 before it since 01/03/2020 (<= 31/03/2020): stable.
        // B: the same but U6 from 01/05/2020: A6 + U6 is under 2 years, and the K2 before that does not
        // count: not stable.
        // C: U6 is the period's first placement, from 01/06/2019; A6 from 01/10/2021: stable. 2/3 = 66.7.
        var a = Child("A",
            Episode("2019-06-01", "S", "K2", "2020-03-01", "X1"),
            Episode("2020-03-01", "P", "U6", "2021-10-01", "X1"),
            Episode("2021-10-01", "P", "A6", ls: "E1")).BornOn("2018-01-01");
        var b = Child("B",
            Episode("2019-06-01", "S", "K2", "2020-05-01", "X1"),
            Episode("2020-05-01", "P", "U6", "2021-10-01", "X1"),
            Episode("2021-10-01", "P", "A6", ls: "E1")).BornOn("2018-01-01");
        var c = Child("C",
            Episode("2019-06-01", "S", "U6", "2021-10-01", "X1"),
            Episode("2021-10-01", "P", "A6", ls: "E1")).BornOn("2018-01-01");

        Assert.Equal(new Measure(66.7m, 2, 3), Report(Year2022, a, b, c)["longTermStabilityPct"]);
    }

    [Fact]
    public void with_the_switch_on_an_adoptive_placement_entered_with_rne_t_still_counts_the_foster_time()
    {
        // Switch on: U4 from 01/01/2020, A5 with RNE T from 01/09/2021 is its own placement, but it is a
        // placement for adoption and the U4 immediately before it began by 31/03/2020: stable, 1/1.
        var child = Child("C1",
            Episode("2019-06-01", "S", "U4", "2020-01-01", "X1"),
            Episode("2020-01-01", "P", "U4", "2021-09-01", "X1", post: "DE7 7GG"),
            Episode("2021-09-01", "T", "A5", post: "DE7 7GG")).BornOn("2018-01-01");

        Assert.Equal(new Measure(100.0m, 1, 1),
            Report(Year2022, new IndicatorSwitches(SameCarerChangeIsNewPlacement: true), child)["longTermStabilityPct"]);
    }

    [Fact]
    public void the_current_period_of_care_not_the_first_decides_the_cohort()
    {
        // In care 2015-2019, home 01/01/2019, back in care 01/11/2019 (after the 30/09/2019 cut): out.
        var child = Child("C1",
            Episode("2015-01-01", "S", "U4", "2019-01-01", "E4A"),
            Episode("2019-11-01", "S", "U4")).BornOn("2012-01-01");

        Assert.Equal(new Measure(null, 0, 0), Report(Year2022, child)["longTermStabilityPct"]);
    }

    [Fact]
    public void the_30_month_cut_is_in_calendar_months_with_a_missing_day_becoming_the_month_end()
    {
        // Twelve months ending 31/08/2024: 31/08/2024 - 30 months = 31/02/2022, which does not exist, so
        // 28/02/2022 (913 days back, as for 31 March, would be 02/03/2022). A from 28/02/2022: in, and
        // stable (same carer throughout). B from 01/03/2022: out. 1/1 = 100.0.
        var a = Child("A", Episode("2022-02-28", "S", "U4")).BornOn("2012-01-01");
        var b = Child("B", Episode("2022-03-01", "S", "U4")).BornOn("2012-01-01");

        Assert.Equal(new Measure(100.0m, 1, 1),
            Report(ReportWindow.EndingOn(D("2024-08-31")), a, b)["longTermStabilityPct"]);
    }
}
