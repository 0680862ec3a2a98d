using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Health;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

/// <summary>
/// One hand-worked population for the year ending 31 March 2025 (the OC2 year 2024/25).
/// A (12 at 31 March) and D (17; 16 on 1 April 2024) in care throughout, B (4) too: the OC2 cohort is A, B, D.
/// C entered care on Monday 3 June 2024 (20 working days: Monday 1 July), E on Monday 3 March 2025 (20 working
/// days: Monday 31 March), F had only a short break.
/// </summary>
public class HealthIndicatorsTests
{
    private static HealthFacts Facts(
        AssessmentRequest[]? requests = null, HealthAssessment[]? assessments = null, ImmunisationCheck[]? immunisations = null,
        DateOnly[]? dental = null, DateOnly[]? development = null, SdqResult[]? sdqs = null, SubstanceMisuseIdentification[]? misuse = null,
        DateOnly[]? convictions = null) =>
        new(requests ?? [], assessments ?? [], immunisations ?? [], dental ?? [], development ?? [], sdqs ?? [], misuse ?? [], convictions ?? []);

    private static readonly ChildHealthRecord[] Population =
    [
        new(Child("A", Episode("2023-01-09", "S", "U4")),
            Facts(assessments: [new(D("2024-09-01"), AssessmentKind.Review)], immunisations: [new(D("2024-09-01"), true)],
                dental: [D("2024-10-01")], sdqs: [new(D("2024-09-01"), 12, null)], misuse: [new(D("2024-11-01"), true, false)])),
        new(Child("B", Episode("2022-05-01", "S", "U4")).BornOn("2021-01-10"),
            Facts(assessments: [new(D("2024-08-01"), AssessmentKind.Review), new(D("2025-02-01"), AssessmentKind.Review)],
                immunisations: [new(D("2024-06-01"), false)], development: [D("2024-06-01")], sdqs: [new(D("2025-01-01"), null, "SDQ2")])),
        new(Child("C", Episode("2024-06-03", "S", "U4")),
            Facts(requests: [new(D("2024-06-05"), AssessmentKind.Initial)], assessments: [new(D("2024-06-20"), AssessmentKind.Initial)])),
        new(Child("D", Episode("2020-01-06", "S", "R1")).BornOn("2008-01-01"),
            Facts(dental: [D("2024-05-01")], sdqs: [new(D("2024-05-01"), 20, null)], convictions: [D("2024-12-01")])),
        new(Child("E", Episode("2025-03-03", "S", "U4")), Facts(requests: [new(D("2025-03-06"), AssessmentKind.Initial)])),
        new(Child("F", Episode("2024-07-01", "S", "U4", "2024-07-03", "E13", ls: "V3")), Facts()),
    ];

    private static readonly IReadOnlyDictionary<string, Measure> Measures =
        HealthIndicators.Compute(Population, ReportWindow.ForYear(2025), WorkingDays.England);

    [Fact]
    public void the_oc2_cohort_is_the_children_in_care_throughout_the_year() =>
        Assert.Equal(Measure.Count(3), Measures["oc2Cohort"]);

    [Fact]
    public void assessments_immunisations_and_dental_checks_are_over_the_oc2_cohort()
    {
        Assert.Equal(new Measure(66.7m, 2, 3), Measures["oc2HealthAssessmentPct"]); // A, B
        Assert.Equal(new Measure(33.3m, 1, 3), Measures["oc2ImmunisationsPct"]); // A (B's check found them not up to date)
        Assert.Equal(new Measure(66.7m, 2, 3), Measures["oc2DentalCheckPct"]); // A, D
        Assert.Equal(new Measure(100m, 1, 1), Measures["oc2DevelopmentCheckPct"]); // only B is under 5
    }

    [Fact]
    public void the_sdq_average_is_over_the_scores_of_those_aged_4_to_16()
    {
        Assert.Equal(new Measure(16m, 32, 2), Measures["sdqAverage"]); // (12 + 20) / 2; B gave a reason
        Assert.Equal(new Measure(66.7m, 2, 3), Measures["sdqScoredPct"]);
    }

    [Fact]
    public void substance_misuse_and_convictions()
    {
        Assert.Equal(new Measure(33.3m, 1, 3), Measures["substanceMisusePct"]);
        Assert.Equal(new Measure(100m, 1, 1), Measures["substanceMisuseInterventionOfferedPct"]);
        Assert.Equal(new Measure(0m, 0, 1), Measures["substanceMisuseInterventionReceivedPct"]);
        Assert.Equal(new Measure(50m, 1, 2), Measures["convictedPct"]); // A and D are 10 or over; D convicted
    }

    [Fact]
    public void initial_assessments_are_counted_over_periods_of_care_starting_in_the_window()
    {
        // C requested 2 days after DECOM, E 3 days after; F's short break is not a period of care.
        Assert.Equal(new Measure(50m, 1, 2), Measures["initialHealthAssessmentRequestedIn48hPct"]);
        // C assessed on 20 June (due 1 July); E due 31 March, the last day of the window, not assessed.
        Assert.Equal(new Measure(50m, 1, 2), Measures["initialHealthAssessmentIn20WorkingDaysPct"]);
    }

    [Fact]
    public void assessments_up_to_date_at_the_as_at_date()
    {
        // A due 1 September 2025, B (under 5) 1 August 2025, C 20 June 2025, E today: up to date. D has had no
        // assessment in its period of care since 2020: overdue.
        Assert.Equal(new Measure(80m, 4, 5), Measures["healthAssessmentsUpToDatePct"]);
        Assert.Equal(Measure.Count(1), Measures["healthAssessmentsOverdue"]);
    }

    [Fact]
    public void a_child_in_care_for_less_than_20_working_days_is_left_out_of_up_to_date()
    {
        // As at 28 March 2025 E has been in care 19 working days.
        var measures = HealthIndicators.Compute(Population, ReportWindow.EndingOn(D("2025-03-28")), WorkingDays.England);
        Assert.Equal(new Measure(75m, 3, 4), measures["healthAssessmentsUpToDatePct"]);
    }

    [Fact]
    public void a_rolling_window_reads_the_oc2_year_that_ended_before_it()
    {
        var measures = HealthIndicators.Compute(Population, ReportWindow.EndingOn(D("2025-06-30")), WorkingDays.England);
        Assert.Equal(Measures["oc2Cohort"], measures["oc2Cohort"]);
        Assert.Equal(Measures["sdqAverage"], measures["sdqAverage"]);
    }

    [Fact]
    public void every_measure_has_a_printed_definition()
    {
        var care = CareLeaverIndicators.Compute([], ReportWindow.ForYear(2025));
        Assert.All(Measures.Keys.Concat(care.Keys), key => Assert.Contains(HealthAndCareLeaverDefinitions.All, d => d.Covers(key)));
        Assert.Equal(Measures.Count + care.Count, HealthAndCareLeaverDefinitions.All.Count);
    }
}
