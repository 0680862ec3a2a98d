using CareTracking.Health.Children;
using CareTracking.Ssda903.Codes;
using CareTracking.Ssda903.Health;
using static CareTracking.Health.Tests.Children.HealthSpec;

namespace CareTracking.Health.Tests.Children;

/// <summary>The 2024/25 collection year: 1 April 2024 to 31 March 2025.</summary>
public class Oc2Tests
{
    private static readonly CollectionYear Year = new(2024);

    private static HealthChild InCareAllYear(DateOnly born, params HealthEvent[] facts) =>
        Given([PeriodStarted(D(2023, 1, 9), born: born), .. facts]);

    [Fact]
    public void a_child_looked_after_from_1_april_to_after_31_march_is_in_the_cohort()
    {
        Assert.NotNull(Given(PeriodStarted(D(2024, 4, 1))).Oc2For(Year));
        Assert.NotNull(Given(PeriodStarted(D(2023, 1, 9)), PeriodEnded(D(2023, 1, 9), D(2025, 4, 1))).Oc2For(Year));
    }

    [Fact]
    public void a_child_who_entered_care_after_1_april_or_left_by_31_march_is_not()
    {
        Assert.Null(Given(PeriodStarted(D(2024, 4, 2))).Oc2For(Year));
        // Care ending on 31 March: that day is not a day in care.
        Assert.Null(Given(PeriodStarted(D(2023, 1, 9)), PeriodEnded(D(2023, 1, 9), D(2025, 3, 31))).Oc2For(Year));
        // Left and came back in the year.
        Assert.Null(Given(PeriodStarted(D(2023, 1, 9)), PeriodEnded(D(2023, 1, 9), D(2024, 8, 1)), PeriodStarted(D(2024, 9, 1))).Oc2For(Year));
    }

    [Fact]
    public void a_short_break_in_the_year_takes_the_child_out_of_the_cohort_but_one_ending_on_1_april_does_not()
    {
        var main = PeriodStarted(D(2023, 1, 9));
        Assert.Null(Given(main, PeriodStarted(D(2024, 6, 1), "V3"), PeriodEnded(D(2024, 6, 1), D(2024, 6, 3))).Oc2For(Year));
        Assert.NotNull(Given(main, PeriodStarted(D(2024, 3, 30), "V3"), PeriodEnded(D(2024, 3, 30), D(2024, 4, 1))).Oc2For(Year));
    }

    [Fact]
    public void a_child_of_10_to_16_gets_conviction_and_sdq_but_no_development_check()
    {
        // Born 1 May 2014: 10 at 31 March 2025.
        var child = InCareAllYear(D(2014, 5, 1),
            new ConvictionRecorded(D(2024, 6, 1)),
            new HealthAssessmentCarriedOut(D(2024, 3, 31), AssessmentKind.Review), // before the year
            new HealthAssessmentCarriedOut(D(2024, 10, 1), AssessmentKind.Review),
            new ImmunisationsChecked(D(2024, 5, 1), false),
            new ImmunisationsChecked(D(2024, 11, 1), true),
            new DentalCheckDone(D(2025, 4, 1)), // after the year
            new SdqRecorded(D(2024, 5, 1), 20, null),
            new SdqRecorded(D(2025, 1, 10), 14, null));
        Assert.Equal(new Oc2Row(Convicted: true, HealthCheck: null, Immunisations: true, TeethCheck: false, HealthAssessment: true,
            SubstanceMisuse: false, InterventionReceived: null, InterventionOffered: null, SdqScore: 14, SdqReason: null), child.Oc2For(Year));
    }

    [Fact]
    public void a_child_of_4_gets_a_development_check_and_sdq_but_no_conviction_field()
    {
        // Born 1 June 2020: 4 at 31 March 2025.
        var child = InCareAllYear(D(2020, 6, 1), new DevelopmentCheckDone(D(2024, 7, 1)), new SdqRecorded(D(2025, 3, 31), null, "SDQ2"));
        var row = child.Oc2For(Year)!;
        Assert.Equal((null, true, (int?)null, "SDQ2"), (row.Convicted, row.HealthCheck, row.SdqScore, row.SdqReason));
    }

    [Fact]
    public void the_sdq_is_left_blank_under_4_at_31_march_and_at_17_on_1_april()
    {
        // Born 1 April 2021: 3 at 31 March 2025. Born 1 April 2007: 17 on 1 April 2024. Born 2 April 2007: 16 then.
        Assert.Null(InCareAllYear(D(2021, 4, 1), new SdqRecorded(D(2024, 12, 1), 5, null)).Oc2For(Year)!.SdqScore);
        Assert.Null(InCareAllYear(D(2007, 4, 1), new SdqRecorded(D(2024, 5, 1), 5, null)).Oc2For(Year)!.SdqScore);
        Assert.Equal(5, InCareAllYear(D(2007, 4, 2), new SdqRecorded(D(2024, 5, 1), 5, null)).Oc2For(Year)!.SdqScore);
    }

    [Fact]
    public void substance_misuse_carries_its_interventions_from_any_record_in_the_year()
    {
        var child = InCareAllYear(D(2009, 1, 1),
            new SubstanceMisuseIdentified(D(2024, 5, 1), true, false),
            new SubstanceMisuseIdentified(D(2024, 9, 1), true, true));
        var row = child.Oc2For(Year)!;
        Assert.Equal((true, (bool?)true, (bool?)true), (row.SubstanceMisuse, row.InterventionOffered, row.InterventionReceived));
        Assert.False(row.Convicted);
    }
}
