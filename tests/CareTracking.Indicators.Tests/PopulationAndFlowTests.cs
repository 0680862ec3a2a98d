using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

public class PopulationAndFlowTests
{
    [Fact]
    public void a_child_whose_only_episodes_are_short_breaks_is_not_looked_after_started_or_ceased()
    {
        // Short breaks: V3 breaks (each its own S episode) and a V4 agreement open at 31 March. None of it
        // counts, so only the C2 child is looked after and started: CLA 1, started 1, ceased 0.
        var respite = Child("R1",
            Episode("2023-06-01", "S", "K2", "2023-06-05", "E4A", ls: "V3"),
            Episode("2023-09-01", "S", "K2", "2023-09-04", "E4A", ls: "V3"),
            Episode("2024-01-10", "S", "K2", ls: "V4"));
        var inCare = Child("C1", Episode("2023-05-01", "S", "U4"));

        var report = Report(Year2024, respite, inCare);

        Assert.Equal(1m, report["cla"].Value);
        Assert.Equal(1m, report["started"].Value);
        Assert.Equal(0m, report["ceased"].Value);
    }

    [Fact]
    public void a_child_whose_care_ends_on_the_as_at_date_is_not_looked_after_that_day()
    {
        // DEC 31/03/2024: the episode is open only while DEC > D, so CLA at 31 March is 0 and ceased is 1.
        var child = Child("C1", Episode("2022-05-01", "S", "U4", "2024-03-31", "E4A"));

        var report = Report(Year2024, child);

        Assert.Equal(0m, report["cla"].Value);
        Assert.Equal(1m, report["ceased"].Value);
    }

    [Fact]
    public void a_legal_status_change_is_not_a_ceasing_nor_a_start()
    {
        // C1 -> C2 on 01/09/2023 ends the first episode with X1 and starts an L episode: the period of
        // care started in 2022 carries on. Started 0, ceased 0, CLA 1.
        var child = Child("C1",
            Episode("2022-05-01", "S", "U4", "2023-09-01", "X1", ls: "C1"),
            Episode("2023-09-01", "L", "U4", ls: "C2"));

        var report = Report(Year2024, child);

        Assert.Equal((0m, 0m, 1m), (report["started"].Value, report["ceased"].Value, report["cla"].Value));
    }

    [Fact]
    public void a_child_with_two_periods_of_care_in_the_year_is_counted_once_in_started()
    {
        // Period 1: 01/05/2023 - 01/06/2023 returned home (E4A). Period 2: 01/09/2023, open.
        // Two starts in the year, one child: started 1. The one ending counts once: ceased 1.
        var child = Child("C1",
            Episode("2023-05-01", "S", "U6", "2023-06-01", "E4A"),
            Episode("2023-09-01", "S", "K2"));

        var report = Report(Year2024, child);

        Assert.Equal(1m, report["started"].Value);
        Assert.Equal(1m, report["ceased"].Value);
    }

    [Fact]
    public void ceased_counts_each_child_once_by_its_last_ending_in_the_year()
    {
        // Child A: returned home (E4A) 01/06/2023, came back 01/08/2023, special guardianship (E45)
        // 01/02/2024: once, as SGO. Child B: adopted (E11) 01/03/2024.
        // Ceased 2; adopted 1 -> 1/2 = 50.0%; SGO 1/2 = 50.0%; returned home 0/2 = 0.0%.
        var a = Child("A",
            Episode("2023-01-01", "S", "U6", "2023-06-01", "E4A"),
            Episode("2023-08-01", "S", "U3", "2024-02-01", "E45"));
        var b = Child("B",
            Episode("2021-01-01", "S", "U4", "2023-10-01", "X1"),
            Episode("2023-10-01", "P", "A6", "2024-03-01", "E11", ls: "E1"));

        var report = Report(Year2024, a, b);

        Assert.Equal(new Measure(2m, 2, null), report["ceased"]);
        Assert.Equal(1m, report["ceasedAdopted"].Value);
        Assert.Equal(new Measure(50.0m, 1, 2), report["ceasedAdoptedPct"]);
        Assert.Equal(new Measure(50.0m, 1, 2), report["ceasedByReason.specialGuardianship"]);
        Assert.Equal(new Measure(0.0m, 0, 2), report["ceasedByReason.returnedHome"]);
    }

    [Fact]
    public void the_rate_per_10000_uses_the_population_of_the_collection_year_to_one_decimal()
    {
        // 7 looked after on 31/03/2024; 45,000 aged 0-17 for 2024: 7 x 10,000 / 45,000 = 1.555... -> 1.6.
        // The 2023 estimate must not be used.
        var children = Enumerable.Range(1, 7).Select(i => Child($"C{i}", Episode("2023-05-01", "S", "U4"))).ToArray();
        var reference = new ReferenceFigures([new(Authority, 2023, 10_000), new(Authority, 2024, 45_000)]);

        var report = new CommitteeIndicators(new HandComputedReviewSchedule())
            .Compute(children, Year2024, IndicatorSwitches.Default, reference);

        Assert.Equal(new Measure(1.6m, 7, 45_000), report["ratePer10k"]);
    }

    [Fact]
    public void starts_and_endings_are_also_given_per_10000_of_the_population()
    {
        // 2023/24: three children start (one of them also ends, E13, in January), one who started in 2022 ends in
        // March. Started 3, ceased 2; 20,000 aged 0-17: 3 x 10,000 / 20,000 = 1.5; 2 x 10,000 / 20,000 = 1.0.
        var children = new[]
        {
            Child("S1", Episode("2023-05-01", "S", "U4")),
            Child("S2", Episode("2023-09-12", "S", "U1")),
            Child("S3", Episode("2023-10-01", "S", "U4", "2024-01-20", "E13")),
            Child("E1", Episode("2022-04-01", "S", "U4", "2024-03-02", "E4A")),
        };
        var reference = new ReferenceFigures([new(Authority, 2024, 20_000)]);

        var report = new CommitteeIndicators(new HandComputedReviewSchedule())
            .Compute(children, Year2024, IndicatorSwitches.Default, reference);

        Assert.Equal(new Measure(1.5m, 3, 20_000), report["startedPer10k"]);
        Assert.Equal(new Measure(1.0m, 2, 20_000), report["ceasedPer10k"]);
        Assert.Null(Report(Year2024, children).Measures["startedPer10k"].Value);
    }

    [Fact]
    public void the_rate_is_unknown_without_a_population_figure()
    {
        var report = Report(Year2024, Child("C1", Episode("2023-05-01", "S", "U4")));

        Assert.Null(report["ratePer10k"].Value);
    }

    [Fact]
    public void a_uasc_whose_status_ceased_on_the_as_at_date_is_not_counted_but_one_ceasing_the_day_after_is()
    {
        // DUC 31/03/2024 has ceased by 31 March; DUC 01/04/2024 has not. UASC 1.
        var ceased = Child("A", Episode("2023-05-01", "S", "K2")) with { Uasc = [new UascSpell(D("2023-05-01"), D("2024-03-31"))] };
        var current = Child("B", Episode("2023-05-01", "S", "K2")) with { Uasc = [new UascSpell(D("2023-05-01"), D("2024-04-01"))] };

        Assert.Equal(1m, Report(Year2024, ceased, current)["uasc"].Value);
    }

    [Fact]
    public void placement_mix_and_fostering_by_provider_take_the_episode_open_at_the_as_at_date()
    {
        // At 31/03/2024: A in U3 (relative, in-house PR1), B in U6 with an agency (PR4), C in hospital (T1,
        // "other"), D moved from U4 to K2 on 31/03/2024 so counts as K2. CLA 4.
        // Mix: relative/friend 1/4 = 25.0, other foster 1/4, other 1/4, secure/children's homes 1/4.
        // Foster placements 2: in-house 1/2 = 50.0, agency 1/2 = 50.0, other LA 0/2 = 0.0.
        var a = Child("A", Episode("2023-05-01", "S", "U3", provider: "PR1"));
        var b = Child("B", Episode("2023-05-01", "S", "U6", provider: "PR4"));
        var c = Child("C",
            Episode("2023-05-01", "S", "U4", "2024-03-20", "X1"),
            Episode("2024-03-20", "P", "T1", provider: null));
        var d = Child("D",
            Episode("2023-05-01", "S", "U4", "2024-03-31", "X1"),
            Episode("2024-03-31", "P", "K2", provider: "PR4"));

        var report = Report(Year2024, a, b, c, d);

        Assert.Equal(new Measure(25.0m, 1, 4), report["placementMix.fosterRelativeFriend"]);
        Assert.Equal(new Measure(25.0m, 1, 4), report["placementMix.fosterOther"]);
        Assert.Equal(new Measure(25.0m, 1, 4), report["placementMix.other"]);
        Assert.Equal(new Measure(25.0m, 1, 4), report["placementMix.secureChildrensHomes"]);
        Assert.Equal(new Measure(50.0m, 1, 2), report["fosteringByProvider.inHouse"]);
        Assert.Equal(new Measure(50.0m, 1, 2), report["fosteringByProvider.agency"]);
        Assert.Equal(new Measure(0.0m, 0, 2), report["fosteringByProvider.otherLa"]);
    }
}
