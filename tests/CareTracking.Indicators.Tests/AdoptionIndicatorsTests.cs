using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using CareTracking.Indicators.Projections;
using CareTracking.Ssda903.Permanence;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

// Hand-computed adoption scorecard. Collection years: 2023 = 01/04/2022–31/03/2023, 2024 (no adoption),
// 2025 = 01/04/2024–31/03/2025.
//   A: entered 10/01/2023 (U4), E1 from 01/09/2023, matched 10/01/2024, placed A6 01/02/2024, adopted (E12)
//      15/10/2024. A1 = A10 = 387 days; A2 = 01/09/2023 → 10/01/2024 = 131. WBRI; born 15/10/2019, so 5 on
//      the order date (A7 yes).
//   B: entered 01/05/2023 (U4, carer X), moved to carer Y (U4) 01/08/2023, E1 01/11/2023, matched with Y as
//      former foster carers 01/05/2024, A5 with Y (RNE T) 01/06/2024, adopted (E11) 20/01/2025. A1 = 397;
//      A10 = the day B moved in with Y: 01/05/2023 → 01/08/2023 = 92; A2 = 01/11/2023 → 01/05/2024 = 182.
//      MWBC (minority ethnic); aged 3.
//   C: entered 01/03/2021 (U6), placed with consent A4 10/01/2022 (no E1), adopted (E11) 01/12/2022 (year
//      2023). A1 = A10 = 315; not in A2 (no placement order). Ethnicity not obtained; aged 2.
public class AdoptionIndicatorsTests
{
    private static readonly ReportWindow Year2025 = ReportWindow.ForYear(2025);
    private static readonly ReportWindow Year2023 = ReportWindow.ForYear(2023);

    private static ChildHistory Plan(ChildHistory child, string? ethnicity, params PermanenceFact[] facts) =>
        child with { Ethnicity = ethnicity, Permanence = PermanenceDerivation.Derive(facts) };

    private static readonly ChildHistory A = Plan(Child("A",
            Episode("2023-01-10", "S", "U4", "2023-09-01", "X1"),
            Episode("2023-09-01", "L", "U4", "2024-02-01", "X1", ls: "E1"),
            Episode("2024-02-01", "P", "A6", "2024-10-15", "E12", ls: "E1", reasonPlaceChange: "CARPL")).BornOn("2019-10-15"),
        "WBRI", new AdoptionDecision(D("2023-06-01")), new AdoptionMatch(D("2024-01-10"), 2, "MF", "L11", false));

    private static readonly ChildHistory B = Plan(Child("B",
            Episode("2023-05-01", "S", "U4", "2023-08-01", "X1", reasonPlaceChange: "CARPL"),
            Episode("2023-08-01", "P", "U4", "2023-11-01", "X1", post: "DE2 2BB"),
            Episode("2023-11-01", "L", "U4", "2024-06-01", "X1", ls: "E1", post: "DE2 2BB"),
            Episode("2024-06-01", "T", "A5", "2025-01-20", "E11", ls: "E1", post: "DE2 2BB")).BornOn("2022-01-01"),
        "MWBC", new AdoptionDecision(D("2023-12-01")), new AdoptionMatch(D("2024-05-01"), 1, "F1", "L0", true));

    private static readonly ChildHistory C = Plan(Child("C",
            Episode("2021-03-01", "S", "U6", "2022-01-10", "X1", reasonPlaceChange: "CARPL"),
            Episode("2022-01-10", "P", "A4", "2022-12-01", "E11")).BornOn("2020-01-01"),
        "NOBT", new AdoptionDecision(D("2021-09-01")), new AdoptionMatch(D("2021-12-01"), 2, "FF", "L12", false));

    private static CommitteeReport Scorecard(ReportWindow window) => Report(window, A, B, C);

    [Fact]
    public void a1_is_the_average_days_from_entering_care_to_moving_in_with_the_adoptive_family()
    {
        var report = Scorecard(Year2025);
        // (387 + 397) / 2 = 392; 392 - 426 = -34.
        Assert.Equal(new Measure(392m, 784, 2), report["adoptionA1Days"]);
        Assert.Equal(-34m, report["adoptionA1DaysVsThreshold"].Value);
        Assert.Equal(new Measure(2, 2, null), report["adoptions"]);
    }

    [Fact]
    public void a10_counts_a_foster_carer_adoption_from_the_day_the_child_moved_in_with_those_carers()
    {
        var report = Scorecard(Year2025);
        // (387 + 92) / 2 = 239.5, halves away from zero: 240; 240 - 426 = -186.
        Assert.Equal(new Measure(240m, 479, 2), report["adoptionA10Days"]);
        Assert.Equal(-186m, report["adoptionA10DaysVsThreshold"].Value);
    }

    [Fact]
    public void a10_without_a_foster_carer_adoption_equals_a1()
    {
        var report = Report(Year2025, A);
        Assert.Equal(report["adoptionA1Days"], report["adoptionA10Days"]);
    }

    [Fact]
    public void the_former_foster_carer_flag_of_the_match_alone_makes_the_adjustment()
    {
        // B placed A6 (not "with current foster carer") but matched with FOSTER_CARE = 1: still 92 days.
        var b = B with { Episodes = [.. B.Episodes.Take(3), B.Episodes[3] with { Place = "A6" }] };
        Assert.Equal(new Measure(92m, 92, 1), Report(Year2025, b)["adoptionA10Days"]);
        var notByFosterCarers = Plan(b, "MWBC", new AdoptionDecision(D("2023-12-01")), new AdoptionMatch(D("2024-05-01"), 1, "F1", "L0", false));
        Assert.Equal(new Measure(397m, 397, 1), Report(Year2025, notByFosterCarers)["adoptionA10Days"]);
    }

    [Fact]
    public void a2_runs_from_the_placement_order_to_the_match_and_leaves_out_children_placed_with_consent()
    {
        var report = Scorecard(Year2025);
        // (131 + 182) / 2 = 156.5 → 157; 157 - 121 = 36.
        Assert.Equal(new Measure(157m, 313, 2), report["adoptionA2Days"]);
        Assert.Equal(36m, report["adoptionA2DaysVsThreshold"].Value);
        var year2023 = Scorecard(Year2023);
        Assert.Equal(new Measure(null, 0, 0), year2023["adoptionA2Days"]);
        Assert.Equal(1, year2023["adoptionA2NotMeasured"].Value);
    }

    [Fact]
    public void a2_for_a_child_placed_with_consent_runs_from_the_consent()
    {
        // C, placed A4 with consent: decision 01/09/2021, consent 01/10/2021, match 01/12/2021: 61 days.
        var consented = Plan(C, "NOBT", new AdoptionDecision(D("2021-09-01")), new AdoptionConsent(D("2021-10-01")),
            new AdoptionMatch(D("2021-12-01"), 2, "FF", "L12", false));
        var year2023 = Report(Year2023, A, B, consented);
        Assert.Equal(new Measure(61m, 61, 1), year2023["adoptionA2Days"]);
        Assert.Equal(-60m, year2023["adoptionA2DaysVsThreshold"].Value);
        Assert.Equal(0, year2023["adoptionA2NotMeasured"].Value);
        // Three years to 2025: (131 + 182 + 61) / 3 = 124.7 → 125.
        Assert.Equal(new Measure(125m, 374, 3), Report(Year2025, A, B, consented)["adoptionA2Days3y"]);
    }

    [Fact]
    public void a_placement_order_in_the_period_is_the_authority_even_after_a_consent()
    {
        // A with a consent 01/07/2023 before its placement order of 01/09/2023: A2 stays 131, from the order.
        var a = Plan(A, "WBRI", new AdoptionDecision(D("2023-06-01")), new AdoptionConsent(D("2023-07-01")),
            new AdoptionMatch(D("2024-01-10"), 2, "MF", "L11", false));
        Assert.Equal(new Measure(131m, 131, 1), Report(Year2025, a)["adoptionA2Days"]);
    }

    [Fact]
    public void a_consent_under_an_earlier_reversed_decision_does_not_start_a2()
    {
        // C's first decision (with consent) was reversed; the match followed a new decision with no consent.
        var c = Plan(C, "NOBT", new AdoptionDecision(D("2021-06-01")), new AdoptionConsent(D("2021-06-15")),
            new AdoptionDecisionReversal(D("2021-08-01"), "RD4"), new AdoptionDecision(D("2021-09-01")),
            new AdoptionMatch(D("2021-12-01"), 2, "FF", "L12", false));
        var year2023 = Report(Year2023, c);
        Assert.Equal(new Measure(null, 0, 0), year2023["adoptionA2Days"]);
        Assert.Equal(1, year2023["adoptionA2NotMeasured"].Value);
    }

    [Fact]
    public void three_year_averages_cross_a_year_with_no_adoption()
    {
        // 2025's three years (01/04/2022–31/03/2025) hold A, B and C; 2024 alone has none.
        var report = Scorecard(Year2025);
        Assert.Equal(new Measure(366m, 1099, 3), report["adoptionA1Days3y"]);     // (387 + 397 + 315) / 3 = 366.3
        Assert.Equal(new Measure(265m, 794, 3), report["adoptionA10Days3y"]);    // (387 + 92 + 315) / 3 = 264.7
        Assert.Equal(new Measure(157m, 313, 2), report["adoptionA2Days3y"]);     // C has no placement order
        Assert.Equal(-60m, report["adoptionA1Days3yVsThreshold"].Value);
        Assert.Equal(new Measure(3, 3, null), report["adoptions3y"]);

        var year2024 = Scorecard(ReportWindow.ForYear(2024));
        Assert.Equal(new Measure(0, 0, null), year2024["adoptions"]);
        Assert.Equal(new Measure(null, 0, 0), year2024["adoptionA1Days"]);
        Assert.Null(year2024["adoptionA1DaysVsThreshold"].Value);
        // 2024's three years (01/04/2021–31/03/2024) hold C only.
        Assert.Equal(new Measure(315m, 315, 1), year2024["adoptionA1Days3y"]);
    }

    [Fact]
    public void the_share_within_426_days_uses_the_adjusted_date()
    {
        // 387, 92 within; in three years 315 too. A child who took 427 days is not within.
        var late = Plan(Child("L",
            Episode("2023-01-01", "S", "U4", "2024-03-03", "X1", reasonPlaceChange: "CARPL"),
            Episode("2024-03-03", "P", "A6", "2024-12-01", "E12")).BornOn("2020-01-01"), "WBRI");
        var report = Report(Year2025, A, B, C, late);
        Assert.Equal(427, D("2024-03-03").DayNumber - D("2023-01-01").DayNumber);
        Assert.Equal(new Measure(66.7m, 2, 3), report["adoptionWithin426DaysPct"]);
        Assert.Equal(new Measure(75.0m, 3, 4), report["adoptionWithin426DaysPct3y"]);
    }

    [Fact]
    public void a6_and_a7_count_minority_ethnicity_and_age_five_or_over_on_the_order_date()
    {
        var report = Scorecard(Year2025);
        Assert.Equal(new Measure(50.0m, 1, 2), report["adoptionMinorityEthnicPct"]);     // B of A, B
        Assert.Equal(new Measure(50.0m, 1, 2), report["adoptionMinorityEthnicPct3y"]);   // C not obtained: left out
        Assert.Equal(new Measure(50.0m, 1, 2), report["adoptionAgedFivePlusPct"]);       // A is 5 on the day
        Assert.Equal(new Measure(33.3m, 1, 3), report["adoptionAgedFivePlusPct3y"]);
        var dayYounger = A with { DateOfBirth = D("2019-10-16") };
        Assert.Equal(new Measure(0.0m, 0, 1), Report(Year2025, dayYounger)["adoptionAgedFivePlusPct"]);
    }

    // Waiting at 31/03/2025. D: decision 01/06/2024, reversed (RD2) 01/09/2024, decided again 01/12/2024, in
    // foster care: waiting 120 days. E: decision 01/01/2025, placed A6 01/03/2025: not waiting. F: decision
    // standing but left care 01/02/2025: not looked after, not waiting. G: looked after, no decision.
    private static readonly ChildHistory DChild = Plan(Child("D", Episode("2024-01-01", "S", "U4")), "WBRI",
        new AdoptionDecision(D("2024-06-01")), new AdoptionDecisionReversal(D("2024-09-01"), "RD2"), new AdoptionDecision(D("2024-12-01")),
        new SocialWorkerAllocation(D("2024-01-01"), "SW1", "FCONTA"), new SocialWorkerAllocation(D("2024-05-01"), "SW2", "LEFTRL"),
        new SocialWorkerAllocation(D("2024-11-01"), "SW3", "MANAGE"));

    private static readonly ChildHistory EChild = Plan(Child("E",
            Episode("2024-06-01", "S", "U4", "2025-03-01", "X1", reasonPlaceChange: "CARPL"),
            Episode("2025-03-01", "P", "A6")), "WBRI",
        new AdoptionDecision(D("2025-01-01")), new AdoptionMatch(D("2025-02-01"), 2, "MF", "L2", false),
        new SocialWorkerAllocation(D("2025-01-01"), "XX9", "FCONTA"));

    private static readonly ChildHistory FChild = Plan(Child("F", Episode("2024-02-01", "S", "U4", "2025-02-01", "E4A")), "WBRI",
        new AdoptionDecision(D("2024-10-01")), new AdoptionDecisionReversal(D("2025-01-15"), "RD1"), new AdoptionDecision(D("2025-01-20")));

    private static readonly ChildHistory GChild = Child("G", Episode("2024-05-01", "S", "U4"));

    [Fact]
    public void children_with_a_standing_decision_not_placed_for_adoption_and_their_days_waiting()
    {
        var report = Report(Year2025, DChild, EChild, FChild, GChild);
        Assert.Equal(new Measure(1, 1, null), report["adoptionDecisionNotPlaced"]);
        Assert.Equal(new Measure(120m, 120, 1), report["adoptionDecisionNotPlacedAvgDays"]);
        Assert.Equal(120m, report["adoptionDecisionNotPlacedLongestDays"].Value);
        // Decisions in the year: D twice, E, F twice = 5; matches: E's.
        Assert.Equal(5, report["adoptionDecisions"].Value);
        Assert.Equal(1, report["adoptionMatches"].Value);
    }

    [Fact]
    public void reversed_decisions_are_counted_by_reason()
    {
        var report = Report(Year2025, DChild, EChild, FChild, GChild);
        Assert.Equal(2, report["adoptionDecisionsReversed"].Value);
        Assert.Equal(new Measure(50.0m, 1, 2), report["adoptionDecisionsReversedByReason.RD1"]);
        Assert.Equal(new Measure(50.0m, 1, 2), report["adoptionDecisionsReversedByReason.RD2"]);
        Assert.Equal(new Measure(0.0m, 0, 2), report["adoptionDecisionsReversedByReason.RD3"]);
    }

    [Fact]
    public void special_guardianship_orders_in_the_year_are_counted()
    {
        var sgo = Child("S", Episode("2023-01-01", "S", "U4", "2024-07-01", "E45"));
        var sgoLastYear = Child("T", Episode("2023-01-01", "S", "U4", "2024-03-31", "E47"));
        Assert.Equal(1, Report(Year2025, sgo, sgoLastYear, A)["specialGuardianshipOrders"].Value);
    }

    [Fact]
    public void social_worker_changes_count_the_episodes_open_in_the_year_of_children_looked_after_at_its_end()
    {
        // Cohort at 31/03/2025: D (SW1 to 01/05/2024, SW2 to 01/11/2024, SW3: 3 in the year, 2 changes), E (1, 0),
        // G (none, and none open at 31/03/2025). F left care. 1/3 with 3+; 2 changes / 3 children = 0.7.
        var report = Report(Year2025, DChild, EChild, FChild, GChild);
        Assert.Equal(new Measure(33.3m, 1, 3), report["socialWorkerThreePlusPct"]);
        Assert.Equal(new Measure(0.7m, 2, 3), report["socialWorkerChangesPerChild"]);
        Assert.Equal(1, report["socialWorkerNoneAtAsAt"].Value);

        // An episode that ended on 1 April (the first day) was not open on a day of the year.
        var endedOnFirstDay = Plan(Child("H", Episode("2024-01-01", "S", "U4")), "WBRI",
            new SocialWorkerAllocation(D("2024-01-01"), "SW1", "FCONTA"), new SocialWorkerAllocation(D("2024-04-01"), "SW2", "LEFTRL"),
            new SocialWorkerAllocation(D("2024-09-01"), "SW3", "MANAGE"));
        Assert.Equal(new Measure(0.0m, 0, 1), Report(Year2025, endedOnFirstDay)["socialWorkerThreePlusPct"]);
    }

    [Fact]
    public void the_projection_folds_the_adoption_and_social_worker_events_into_the_childs_history()
    {
        var t = new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);
        var retractedId = Guid.NewGuid();
        List<ProjectedEvent> events =
        [
            new(1, Guid.NewGuid(), "K", null, t, new ChildEnteredCare(D("2024-01-01"), "C2", "N1", new PlacementView("U4", "PR1", "DE1 1AA", "SC1"), null,
                new ChildView(D("2020-01-01"), false, "MWBC"))),
            new(2, Guid.NewGuid(), "K", null, t, new AdoptionDecisionMade(D("2024-06-01"))),
            new(3, retractedId, "K", null, t, new AdoptionDecisionReversed(D("2024-07-01"), "RD4")),
            new(4, Guid.NewGuid(), "K", null, t, new EventRetracted(D("2024-07-01"), retractedId)),
            new(5, Guid.NewGuid(), "K", null, t, new AdoptionMatchMade(D("2024-08-01"), 2, "MF", "L11", true)),
            new(6, Guid.NewGuid(), "K", null, t, new SocialWorkerAllocated(D("2024-01-01"), "SW7", "FCONTA")),
            new(7, Guid.NewGuid(), "K", null, t, new SocialWorkerEnded(D("2024-03-01"), "LEFTRL")),
        ];

        var history = Assert.Single(ChildHistories.Build("831", events, null)).History;

        Assert.Equal("MWBC", history.Ethnicity);
        var decision = Assert.Single(history.PermanenceOrNone.PlacedAdoption);
        Assert.Null(decision.DatePlacedCeased);
        Assert.Equal(new AdoptionMatchRow(D("2024-06-01"), D("2024-08-01"), true, 2, "MF", "L11"), Assert.Single(history.PermanenceOrNone.Matches));
        Assert.Equal(new SocialWorkerEpisodeRow("SW7", D("2024-01-01"), D("2024-03-01"), "FCONTA", "LEFTRL"), Assert.Single(history.PermanenceOrNone.SocialWorkers));
    }
}
