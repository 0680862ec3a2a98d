using CareTracking.Health.Children;
using CareTracking.Health.Children.CarryingOutHealthAssessments;
using CareTracking.Health.Children.DoingChecks;
using CareTracking.Health.Children.GivingHealthPassports;
using CareTracking.Health.Children.IdentifyingSubstanceMisuse;
using CareTracking.Health.Children.RecordingConvictions;
using CareTracking.Health.Children.RecordingSdq;
using CareTracking.Health.Children.RequestingAssessments;
using CareTracking.Ssda903.Health;
using static CareTracking.Health.Tests.Children.HealthSpec;

namespace CareTracking.Health.Tests.Children;

public class RequestAndRecordAssessmentTests
{
    private static readonly CarePeriodNoted FromJune = PeriodStarted(D(2025, 6, 2));

    [Fact]
    public void an_initial_assessment_request_within_a_period_of_care_is_recorded() =>
        Then(RequestHealthAssessment.Decide(new(D(2025, 6, 3), "initial"), Given(FromJune), Now),
            new HealthAssessmentRequested(D(2025, 6, 3), AssessmentKind.Initial));

    [Fact]
    public void the_same_request_again_gives_no_events() =>
        Then(RequestHealthAssessment.Decide(new(D(2025, 6, 3), "initial"),
            Given(FromJune, new HealthAssessmentRequested(D(2025, 6, 3), AssessmentKind.Initial)), Now));

    [Theory]
    [InlineData("Initial")]
    [InlineData("annual")]
    [InlineData(null)]
    public void a_kind_other_than_initial_or_review_is_refused(string? kind) =>
        ThenViolates(() => RequestHealthAssessment.Decide(new(D(2025, 6, 3), kind), Given(FromJune), Now), "kind", "health-assessment.kind");

    [Fact]
    public void a_request_before_the_period_of_care_began_is_refused() =>
        ThenViolates(() => RequestHealthAssessment.Decide(new(D(2025, 6, 1), "initial"), Given(FromJune), Now),
            "requestedOn", "health-assessment-request.not-looked-after");

    [Fact]
    public void a_request_before_any_care_period_is_known_is_held_until_the_message_arrives() =>
        Then(RequestHealthAssessment.Decide(new(D(2025, 6, 3), "initial"), Given(), Now),
            new HealthAssessmentRequested(D(2025, 6, 3), AssessmentKind.Initial));

    [Fact]
    public void an_assessment_within_the_period_is_recorded_with_its_kind() =>
        Then(CarryOutHealthAssessment.Decide(new(D(2025, 6, 20), "initial"), Given(FromJune), Now),
            new HealthAssessmentCarriedOut(D(2025, 6, 20), AssessmentKind.Initial));

    [Fact]
    public void a_different_assessment_on_a_date_already_recorded_is_refused_and_the_same_one_is_a_no_op()
    {
        var child = Given(FromJune, new HealthAssessmentCarriedOut(D(2025, 6, 20), AssessmentKind.Initial));
        Then(CarryOutHealthAssessment.Decide(new(D(2025, 6, 20), "initial"), child, Now));
        ThenViolates(() => CarryOutHealthAssessment.Decide(new(D(2025, 6, 20), "review"), child, Now), "date", "health-assessment.already-recorded");
    }

    [Fact]
    public void an_assessment_dated_tomorrow_in_england_is_refused_and_today_in_england_is_accepted()
    {
        // 23:30 UTC on 30 June 2025 is 00:30 BST on 1 July: 1 July is today, 2 July is the future.
        var now = new DateTimeOffset(2025, 6, 30, 23, 30, 0, TimeSpan.Zero);
        Then(CarryOutHealthAssessment.Decide(new(D(2025, 7, 1), "review"), Given(FromJune), now),
            new HealthAssessmentCarriedOut(D(2025, 7, 1), AssessmentKind.Review));
        ThenViolates(() => CarryOutHealthAssessment.Decide(new(D(2025, 7, 2), "review"), Given(FromJune), now), "date", "health-assessment.in-future");
    }

    [Fact]
    public void an_assessment_between_two_periods_of_care_is_refused_but_one_after_the_last_ended_is_held()
    {
        // Period 1: 2 June to 1 September 2025 (1 September is not in care); period 2 from 6 October.
        var child = Given(FromJune, PeriodEnded(D(2025, 6, 2), D(2025, 9, 1)), PeriodStarted(D(2025, 10, 6)));
        ThenViolates(() => CarryOutHealthAssessment.Decide(new(D(2025, 9, 1), "review"), child, Now), "date", "health-assessment.not-looked-after");

        var ended = Given(FromJune, PeriodEnded(D(2025, 6, 2), D(2025, 9, 1)));
        Then(CarryOutHealthAssessment.Decide(new(D(2025, 9, 10), "initial"), ended, Now),
            new HealthAssessmentCarriedOut(D(2025, 9, 10), AssessmentKind.Initial));
    }

    [Fact]
    public void an_assessment_before_the_date_of_birth_is_refused()
    {
        var baby = Given(PeriodStarted(D(2025, 6, 2), born: D(2025, 6, 1)), PeriodEnded(D(2025, 6, 2), D(2025, 6, 3)));
        // 31 May 2025 is before birth as well as before care: the birth rule is the one reported.
        ThenViolates(() => CarryOutHealthAssessment.Decide(new(D(2025, 5, 31), "initial"), baby, Now), "date", "health-assessment.before-birth");
    }
}

public class RecordChecksTests
{
    private static readonly CarePeriodNoted FromJune = PeriodStarted(D(2025, 6, 2));

    [Fact]
    public void immunisations_up_to_date_are_recorded_and_need_a_value()
    {
        Then(CheckImmunisations.Decide(new(D(2025, 7, 1), true), Given(FromJune), Now), new ImmunisationsChecked(D(2025, 7, 1), true));
        ThenViolates(() => CheckImmunisations.Decide(new(D(2025, 7, 1), null), Given(FromJune), Now), "upToDate", "immunisations.upToDate-required");
    }

    [Fact]
    public void a_second_immunisation_check_the_same_day_with_another_answer_is_refused()
    {
        var child = Given(FromJune, new ImmunisationsChecked(D(2025, 7, 1), true));
        Then(CheckImmunisations.Decide(new(D(2025, 7, 1), true), child, Now));
        ThenViolates(() => CheckImmunisations.Decide(new(D(2025, 7, 1), false), child, Now), "date", "immunisations.already-recorded");
    }

    [Fact]
    public void a_dental_check_is_recorded_once()
    {
        Then(DoDentalCheck.Decide(new(D(2025, 7, 1)), Given(FromJune), Now), new DentalCheckDone(D(2025, 7, 1)));
        Then(DoDentalCheck.Decide(new(D(2025, 7, 1)), Given(FromJune, new DentalCheckDone(D(2025, 7, 1))), Now));
        ThenViolates(() => DoDentalCheck.Decide(new(D(2025, 5, 1)), Given(FromJune), Now), "date", "dental-check.not-looked-after");
    }

    [Fact]
    public void a_development_check_is_for_a_child_under_5_on_the_date()
    {
        // Born 2 July 2020: 4 on 1 July 2025, 5 on 2 July 2025.
        var child = Given(PeriodStarted(D(2025, 6, 2), born: D(2020, 7, 2)));
        Then(DoDevelopmentCheck.Decide(new(D(2025, 7, 1)), child, Now), new DevelopmentCheckDone(D(2025, 7, 1)));
        ThenViolates(() => DoDevelopmentCheck.Decide(new(D(2025, 7, 2)), child, Now), "date", "development-check.age-5-or-over");
    }

    [Fact]
    public void a_development_check_before_the_date_of_birth_is_known_is_accepted() =>
        Then(DoDevelopmentCheck.Decide(new(D(2025, 7, 1)), Given(), Now), new DevelopmentCheckDone(D(2025, 7, 1)));
}

public class RecordSdqTests
{
    // Born 10 March 2012: 13 during 2025.
    private static readonly CarePeriodNoted FromJune = PeriodStarted(D(2025, 6, 2));

    [Fact]
    public void a_score_from_0_to_40_is_recorded()
    {
        Then(RecordSdq.Decide(new(D(2025, 7, 1), 0, null), Given(FromJune), Now), new SdqRecorded(D(2025, 7, 1), 0, null));
        Then(RecordSdq.Decide(new(D(2025, 7, 1), 40, null), Given(FromJune), Now), new SdqRecorded(D(2025, 7, 1), 40, null));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(41)]
    public void a_score_outside_0_to_40_is_refused(int score) =>
        ThenViolates(() => RecordSdq.Decide(new(D(2025, 7, 1), score, null), Given(FromJune), Now), "score", "sdq.score-range");

    [Theory]
    [InlineData("SDQ1")]
    [InlineData("SDQ5")]
    public void a_reason_for_no_score_is_recorded(string reason) =>
        Then(RecordSdq.Decide(new(D(2025, 7, 1), null, reason), Given(FromJune), Now), new SdqRecorded(D(2025, 7, 1), null, reason));

    [Theory]
    [InlineData("SDQ6")]
    [InlineData("sdq1")]
    [InlineData("")]
    public void a_reason_that_is_not_sdq1_to_sdq5_is_refused(string reason) =>
        ThenViolates(() => RecordSdq.Decide(new(D(2025, 7, 1), null, reason), Given(FromJune), Now), "reason", "sdq.reason-code");

    [Fact]
    public void both_a_score_and_a_reason_or_neither_is_refused()
    {
        ThenViolates(() => RecordSdq.Decide(new(D(2025, 7, 1), 12, "SDQ2"), Given(FromJune), Now), "score", "sdq.score-or-reason");
        ThenViolates(() => RecordSdq.Decide(new(D(2025, 7, 1), null, null), Given(FromJune), Now), "score", "sdq.score-or-reason");
    }

    [Fact]
    public void the_sdq_is_for_children_aged_4_to_16_on_the_date()
    {
        // Born 1 July 2021: 4 on 1 July 2025. Born 2 July 2008: 16 on 1 July 2025, 17 on 2 July 2025.
        var turningFour = Given(PeriodStarted(D(2025, 6, 2), born: D(2021, 7, 1)));
        ThenViolates(() => RecordSdq.Decide(new(D(2025, 6, 30), 10, null), turningFour, Now), "date", "sdq.age");
        Then(RecordSdq.Decide(new(D(2025, 7, 1), 10, null), turningFour, Now), new SdqRecorded(D(2025, 7, 1), 10, null));

        var turningSeventeen = Given(PeriodStarted(D(2025, 6, 2), born: D(2008, 7, 2)));
        Then(RecordSdq.Decide(new(D(2025, 7, 1), null, "SDQ5"), turningSeventeen, Now), new SdqRecorded(D(2025, 7, 1), null, "SDQ5"));
        ThenViolates(() => RecordSdq.Decide(new(D(2025, 7, 2), null, "SDQ5"), turningSeventeen, Now), "date", "sdq.age");
    }

    [Fact]
    public void a_different_sdq_on_a_date_already_recorded_is_refused()
    {
        var child = Given(FromJune, new SdqRecorded(D(2025, 7, 1), 12, null));
        Then(RecordSdq.Decide(new(D(2025, 7, 1), 12, null), child, Now));
        ThenViolates(() => RecordSdq.Decide(new(D(2025, 7, 1), 13, null), child, Now), "date", "sdq.already-recorded");
    }
}

public class RecordSubstanceMisuseConvictionAndPassportTests
{
    private static readonly CarePeriodNoted FromJune = PeriodStarted(D(2025, 6, 2));

    [Fact]
    public void substance_misuse_is_recorded_with_its_interventions() =>
        Then(IdentifySubstanceMisuse.Decide(new(D(2025, 7, 1), true, false), Given(FromJune), Now),
            new SubstanceMisuseIdentified(D(2025, 7, 1), true, false));

    [Fact]
    public void an_intervention_received_but_not_offered_is_refused() =>
        ThenViolates(() => IdentifySubstanceMisuse.Decide(new(D(2025, 7, 1), false, true), Given(FromJune), Now),
            "interventionReceived", "substance-misuse.received-not-offered");

    [Fact]
    public void substance_misuse_needs_both_intervention_answers()
    {
        ThenViolates(() => IdentifySubstanceMisuse.Decide(new(D(2025, 7, 1), null, false), Given(FromJune), Now),
            "interventionOffered", "substance-misuse.interventionOffered-required");
        ThenViolates(() => IdentifySubstanceMisuse.Decide(new(D(2025, 7, 1), true, null), Given(FromJune), Now),
            "interventionReceived", "substance-misuse.interventionReceived-required");
    }

    [Fact]
    public void a_conviction_is_for_a_child_10_or_over_on_the_date()
    {
        // Born 2 July 2015: 9 on 1 July 2025, 10 on 2 July 2025.
        var child = Given(PeriodStarted(D(2025, 6, 2), born: D(2015, 7, 2)));
        ThenViolates(() => RecordConviction.Decide(new(D(2025, 7, 1)), child, Now), "date", "conviction.under-10");
        Then(RecordConviction.Decide(new(D(2025, 7, 2)), child, Now), new ConvictionRecorded(D(2025, 7, 2)));
        Then(RecordConviction.Decide(new(D(2025, 7, 2)), Given(PeriodStarted(D(2025, 6, 2), born: D(2015, 7, 2)), new ConvictionRecorded(D(2025, 7, 2))), Now));
    }

    [Fact]
    public void a_health_passport_may_be_given_after_care_ended_but_not_before_care_began()
    {
        var left = Given(FromJune, PeriodEnded(D(2025, 6, 2), D(2025, 9, 1), "E5"));
        Then(GiveHealthPassport.Decide(new(D(2025, 10, 1)), left, Now), new HealthPassportGiven(D(2025, 10, 1)));
        ThenViolates(() => GiveHealthPassport.Decide(new(D(2025, 5, 1)), left, Now), "date", "health-passport.before-care");
        ThenViolates(() => GiveHealthPassport.Decide(new(D(2025, 12, 2)), left, Now), "date", "health-passport.in-future");
    }
}
