using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Projections;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Health;
using static CareTracking.Indicators.Tests.Histories;

namespace CareTracking.Indicators.Tests;

/// <summary>
/// Health and Leaving-care events, as the projection stores them, folded into the children's histories and onto the
/// committee report for the year ending 31 March 2025, against hand-computed figures.
/// H1 (born 2012, in care since January 2022) and H2 (born May 2014, since February 2023) are the OC2 cohort; H3
/// entered care on Monday 3 June 2024 (20 working days: Monday 1 July). L1 (17 on 1 June 2024) left care at 16 and
/// L2 (18 on 1 September 2024) left care on the 18th birthday into staying put: the OC3 cohort.
/// </summary>
public class HealthAndCareLeaverReportTests
{
    private static readonly DateTimeOffset T0 = new(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly PlacementView Home = new("U4", "PR1", "DE22 3NE", null);

    private static ChildEnteredCare Entered(string date, string born) =>
        new(D(date), "C2", "N1", Home, "DE1 1AA", new ChildView(D(born), false));

    /// <summary>Each event recorded a minute after the one before; the last, H2's conviction, on its own later day.</summary>
    private static List<ProjectedEvent> Events()
    {
        var events = new (string Child, object Data)[]
        {
            ("H1", Entered("2022-01-10", "2012-02-02")),
            ("H1", new HealthAssessmentCarriedOut(D("2024-09-01"), AssessmentKind.Review)),
            ("H1", new ImmunisationsChecked(D("2024-09-01"), true)),
            ("H1", new DentalCheckDone(D("2024-10-01"))),
            ("H1", new SdqRecorded(D("2024-09-01"), 14, null)),
            ("H2", Entered("2023-02-01", "2014-05-05")),
            ("H2", new ImmunisationsChecked(D("2024-06-01"), false)),
            ("H2", new SdqRecorded(D("2024-07-01"), 20, null)),
            ("H2", new SubstanceMisuseIdentified(D("2024-08-01"), true, false)),
            ("H3", Entered("2024-06-03", "2012-03-03")),
            ("H3", new HealthAssessmentRequested(D("2024-06-04"), AssessmentKind.Initial)),
            ("H3", new HealthAssessmentCarriedOut(D("2024-06-20"), AssessmentKind.Initial)),
            ("L1", Entered("2021-01-10", "2007-06-01")),
            ("L1", new ChildCeasedCare(D("2024-03-01"), "E5")),
            ("L1", new PersonalAdviserAllocated(D("2024-03-01"), "PA-1")),
            ("L1", new CareLeaverContactRecorded(D("2024-05-20"), "YES", "F2", "D1")),
            ("L2", Entered("2020-01-10", "2006-09-01")),
            ("L2", new ChildCeasedCare(D("2024-09-01"), "E17")),
            ("L2", new CareLeaverContactRecorded(D("2024-09-01"), "YES", "G5", "Z1")),
            // Recorded with the wrong end, then again for the same start: the later record stands.
            ("L2", new StayingPutRecorded(D("2024-09-01"), D("2024-09-01"))),
            ("L2", new StayingPutRecorded(D("2024-09-01"), null)),
            ("H2", new ConvictionRecorded(D("2024-11-01"))),
        };
        return [.. events.Select((e, i) => new ProjectedEvent(i + 1, Guid.NewGuid(), e.Child, null,
            i == events.Length - 1 ? T0.AddDays(1) : T0.AddMinutes(i), e.Data))];
    }

    private static CommitteeReport ReportOf(IReadOnlyList<ChildRecord> children) =>
        CommitteeReports.Compute(new CommitteeIndicators(new HandComputedReviewSchedule()), children, ReportWindow.ForYear(2025),
            IndicatorSwitches.Default, ReferenceFigures.None, WorkingDays.England);

    private static readonly CommitteeReport Report2025 = ReportOf(ChildHistories.Build(Authority, Events(), null));

    [Fact]
    public void health_facts_from_the_events_give_the_oc2_measures()
    {
        Assert.Equal(Measure.Count(2), Report2025["oc2Cohort"]);
        Assert.Equal(new Measure(50m, 1, 2), Report2025["oc2HealthAssessmentPct"]); // H1
        Assert.Equal(new Measure(50m, 1, 2), Report2025["oc2ImmunisationsPct"]); // H1; H2's check found them not up to date
        Assert.Equal(new Measure(50m, 1, 2), Report2025["oc2DentalCheckPct"]); // H1
        Assert.Equal(new Measure(17m, 34, 2), Report2025["sdqAverage"]); // (14 + 20) / 2
        Assert.Equal(new Measure(100m, 2, 2), Report2025["sdqScoredPct"]);
        Assert.Equal(new Measure(50m, 1, 2), Report2025["substanceMisusePct"]); // H2
        Assert.Equal(new Measure(100m, 1, 1), Report2025["substanceMisuseInterventionOfferedPct"]);
        Assert.Equal(new Measure(0m, 0, 1), Report2025["substanceMisuseInterventionReceivedPct"]);
        Assert.Equal(new Measure(50m, 1, 2), Report2025["convictedPct"]); // H2 (10 at 31 March) of H1, H2
    }

    [Fact]
    public void health_timeliness_from_the_events()
    {
        // H3: requested the day after DECOM, assessed on 20 June (due 1 July). L1 and L2 started care before the window.
        Assert.Equal(new Measure(100m, 1, 1), Report2025["initialHealthAssessmentRequestedIn48hPct"]);
        Assert.Equal(new Measure(100m, 1, 1), Report2025["initialHealthAssessmentIn20WorkingDaysPct"]);
        // At 31 March 2025: H1 next due 1 September 2025, H3 20 June 2025; H2 has had no assessment since 2023.
        Assert.Equal(new Measure(66.7m, 2, 3), Report2025["healthAssessmentsUpToDatePct"]);
        Assert.Equal(Measure.Count(1), Report2025["healthAssessmentsOverdue"]);
    }

    [Fact]
    public void leaving_care_facts_from_the_events_give_the_oc3_measures()
    {
        Assert.Equal(Measure.Count(2), Report2025["oc3Cohort"]);
        Assert.Equal(new Measure(100m, 2, 2), Report2025["careLeaversInTouchPct"]);
        Assert.Equal(new Measure(50m, 1, 2), Report2025["careLeaversEetPct"]); // L1 (F2); L2 is G5
        Assert.Equal(new Measure(100m, 2, 2), Report2025["careLeaversSuitableAccommodationPct"]); // D1, Z1
        Assert.Equal(new Measure(100m, 1, 1), Report2025["careLeaversStayingPutPct"]); // L2, the only one 18 or over
        Assert.Equal(new Measure(50m, 1, 2), Report2025["careLeaversWithPersonalAdviserPct"]); // L1
    }

    [Fact]
    public void the_report_keeps_the_committee_measures_and_prints_every_definition()
    {
        Assert.Equal(Measure.Count(3), Report2025["cla"]); // H1, H2, H3
        Assert.All(Report2025.Measures.Keys, key => Assert.Contains(Report2025.Definitions, d => d.Covers(key)));
        Assert.All(HealthAndCareLeaverDefinitions.All, d => Assert.NotNull(MeasureDefinitions.For(d.Key)));
    }

    [Fact]
    public void a_fact_recorded_after_the_known_at_instant_is_not_on_the_report_known_then()
    {
        var histories = AuthorityHistories.Of(Authority, Events());

        var before = ReportOf(histories.KnownAt(T0.AddHours(1)));

        Assert.Equal(new Measure(0m, 0, 2), before["convictedPct"]);
        Assert.Equal(Report2025["convictedPct"], ReportOf(histories.KnownAt(null))["convictedPct"]);
    }
}
