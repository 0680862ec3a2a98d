using CareTracking.Placements.Children;
using CareTracking.Placements.Children.Adoption;
using CareTracking.Placements.Children.CeasingCare;
using CareTracking.Placements.Children.Correcting;
using CareTracking.Placements.Children.EnteringCare;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class AdoptionTests
{
    private static readonly Placement PlacedForAdoption = new("A5", "PR1", "DE22 3NE", "SC123456");
    private static AdoptionDecisionMade Decision(string date = "2025-02-01") => new(D(date));
    private static AdoptionMatchMade Match(string date = "2025-04-01", bool fosterCarers = false) => new(D(date), 2, "MF", "L11", fosterCarers);
    private static MatchWithAdopters MatchCommand(string date = "2025-04-01", int number = 2, string sex = "MF", string status = "L11") =>
        new(D(date), number, sex, status, false);

    [Fact]
    public void a_decision_that_a_looked_after_child_should_be_placed_for_adoption_is_recorded() =>
        Then(DecideOnAdoption.Decide(new(D("2025-02-01")), Given(Entered()), Now), Decision());

    [Fact]
    public void the_same_decision_posted_again_records_nothing() =>
        ThenNothing(DecideOnAdoption.Decide(new(D("2025-02-01")), Given(Entered(), Decision()), Now));

    [Fact]
    public void a_decision_for_a_child_not_looked_after_that_day_is_rejected() =>
        ThenRejected(() => DecideOnAdoption.Decide(new(D("2024-12-01")), Given(Entered()), Now), "date", "care.not-in-care");

    [Fact]
    public void a_decision_for_a_child_with_no_care_history_is_rejected() =>
        ThenRejected(() => DecideOnAdoption.Decide(new(D("2025-02-01")), GivenNothing, Now), "date", "care.not-in-care");

    [Fact]
    public void a_decision_in_the_future_is_rejected() =>
        ThenRejected(() => DecideOnAdoption.Decide(new(D("2025-09-02")), Given(Entered()), Now), "date", "date.in-future");

    [Fact]
    public void a_second_decision_while_one_stands_is_rejected() =>
        ThenRejected(() => DecideOnAdoption.Decide(new(D("2025-03-01")), Given(Entered(), Decision()), Now), "date", "adoption.decision-open");

    [Fact]
    public void a_new_decision_after_a_reversal_is_recorded() =>
        Then(DecideOnAdoption.Decide(new(D("2025-05-01")), Given(Entered(), Decision(), new AdoptionDecisionReversed(D("2025-03-01"), "RD2")), Now),
            new AdoptionDecisionMade(D("2025-05-01")));

    [Theory]
    [InlineData("RD1")]
    [InlineData("RD4")]
    public void an_open_decision_is_reversed_with_its_reason(string reason) =>
        Then(ReverseAdoptionDecision.Decide(new(D("2025-03-01"), reason), Given(Entered(), Decision()), Now),
            new AdoptionDecisionReversed(D("2025-03-01"), reason));

    [Fact]
    public void a_reversal_with_an_unknown_reason_is_rejected() =>
        ThenRejected(() => ReverseAdoptionDecision.Decide(new(D("2025-03-01"), "RD5"), Given(Entered(), Decision()), Now), "reason", "code.unknown");

    [Fact]
    public void a_reversal_without_a_decision_is_rejected() =>
        ThenRejected(() => ReverseAdoptionDecision.Decide(new(D("2025-03-01"), "RD1"), Given(Entered()), Now), "date", "adoption.no-open-decision");

    [Fact]
    public void a_reversal_dated_before_the_decision_is_rejected() =>
        ThenRejected(() => ReverseAdoptionDecision.Decide(new(D("2025-01-20"), "RD1"), Given(Entered(), Decision()), Now), "date", "adoption.no-open-decision");

    [Fact]
    public void a_second_reversal_of_the_same_decision_is_rejected() =>
        ThenRejected(() => ReverseAdoptionDecision.Decide(new(D("2025-04-01"), "RD1"),
            Given(Entered(), Decision(), new AdoptionDecisionReversed(D("2025-03-01"), "RD2")), Now), "date", "adoption.no-open-decision");

    [Fact]
    public void a_reversal_on_the_day_of_the_decision_is_rejected() =>
        ThenRejected(() => ReverseAdoptionDecision.Decide(new(D("2025-02-01"), "RD1"), Given(Entered(), Decision()), Now), "date", "adoption.reversal-same-day");

    [Fact]
    public void a_decision_closed_by_the_adoption_cannot_be_reversed() =>
        ThenRejected(() => ReverseAdoptionDecision.Decide(new(D("2025-07-01"), "RD4"),
            Given(Entered(), Decision(), Moved("2025-03-01", PlacedForAdoption, "T", sameCarer: true), new ChildCeasedCare(D("2025-06-01"), "E11")), Now),
            "date", "adoption.no-open-decision");

    [Fact]
    public void a_match_after_the_decision_is_recorded() =>
        Then(MatchWithAdopters.Decide(MatchCommand(), Given(Entered(), Decision()), Now), Match());

    [Fact]
    public void a_match_before_any_decision_is_rejected() =>
        ThenRejected(() => MatchWithAdopters.Decide(MatchCommand("2025-01-20"), Given(Entered(), Decision()), Now), "date", "adoption.match-without-decision");

    [Fact]
    public void a_match_after_the_decision_was_reversed_is_rejected() =>
        ThenRejected(() => MatchWithAdopters.Decide(MatchCommand("2025-04-01"),
            Given(Entered(), Decision(), new AdoptionDecisionReversed(D("2025-03-01"), "RD3")), Now), "date", "adoption.match-without-decision");

    [Fact]
    public void a_second_match_under_the_same_decision_is_rejected() =>
        ThenRejected(() => MatchWithAdopters.Decide(MatchCommand("2025-05-01"), Given(Entered(), Decision(), Match()), Now), "date", "adoption.already-matched");

    [Theory]
    [InlineData(3, "MF", "L11", "numberOfAdopters", "adoption.number-of-adopters")]
    [InlineData(2, "XY", "L11", "adopterSex", "code.unknown")]
    [InlineData(2, "MF", "L9", "adopterLegalStatus", "code.unknown")]
    [InlineData(1, "MF", "L0", "adopterSex", "adoption.adopters-disagree")]
    [InlineData(2, "MF", "L0", "adopterLegalStatus", "adoption.adopters-disagree")]
    [InlineData(2, "FF", "L11", "adopterLegalStatus", "adoption.adopters-disagree")]
    [InlineData(2, "MF", "L12", "adopterLegalStatus", "adoption.adopters-disagree")]
    public void adopters_whose_codes_disagree_are_rejected(int number, string sex, string status, string field, string rule) =>
        ThenRejected(() => MatchWithAdopters.Decide(MatchCommand(number: number, sex: sex, status: status), Given(Entered(), Decision()), Now), field, rule);

    [Fact]
    public void a_single_adopter_is_matched() =>
        Then(MatchWithAdopters.Decide(MatchCommand(number: 1, sex: "F1", status: "L0"), Given(Entered(), Decision()), Now),
            new AdoptionMatchMade(D("2025-04-01"), 1, "F1", "L0", false));

    [Fact]
    public void adoption_still_needs_a_placement_for_adoption_before_it() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-06-01"), "E12"), Given(Entered(), Decision(), Match()), Now),
            "reason", "ceased-care.adoption-placement");

    [Fact]
    public void retracting_the_decision_under_a_recorded_match_is_a_history_conflict() =>
        ThenRejected(() => RetractEvent.Decide(new(Id(1), "wrong child"), Given(Entered(), Decision(), Match()), Now),
            "eventId", "history.conflict");

    [Fact]
    public void a_back_dated_reversal_before_a_recorded_match_is_a_history_conflict() =>
        ThenRejected(() => ReverseAdoptionDecision.Decide(new(D("2025-03-01"), "RD1"), Given(Entered(), Decision(), Match()), Now),
            "date", "history.conflict");

    [Fact]
    public void ending_care_before_a_recorded_match_is_a_history_conflict() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-03-01"), "E4A"), Given(Entered(), Decision(), Match()), Now),
            "date", "history.conflict");

    // Consent to placement (s19 ACA 2002): the authority to place where there is no placement order.
    private static AdoptionConsentGiven Consent(string date = "2025-03-01") => new(D(date));

    [Fact]
    public void consent_to_placement_under_a_standing_decision_is_recorded() =>
        Then(RecordAdoptionConsent.Decide(new(D("2025-03-01")), Given(Entered(), Decision()), Now), Consent());

    [Fact]
    public void the_same_consent_posted_again_records_nothing() =>
        ThenNothing(RecordAdoptionConsent.Decide(new(D("2025-03-01")), Given(Entered(), Decision(), Consent()), Now));

    [Fact]
    public void consent_without_a_standing_decision_is_rejected() =>
        ThenRejected(() => RecordAdoptionConsent.Decide(new(D("2025-01-20")), Given(Entered(), Decision()), Now), "date", "adoption.consent-without-decision");

    [Fact]
    public void consent_after_the_decision_was_reversed_is_rejected() =>
        ThenRejected(() => RecordAdoptionConsent.Decide(new(D("2025-04-01")),
            Given(Entered(), Decision(), new AdoptionDecisionReversed(D("2025-03-01"), "RD1")), Now), "date", "adoption.consent-without-decision");

    [Fact]
    public void a_second_consent_under_the_same_decision_is_rejected() =>
        ThenRejected(() => RecordAdoptionConsent.Decide(new(D("2025-03-10")), Given(Entered(), Decision(), Consent()), Now), "date", "adoption.already-consented");

    [Fact]
    public void a_new_decision_after_a_reversal_takes_its_own_consent() =>
        Then(RecordAdoptionConsent.Decide(new(D("2025-05-10")),
            Given(Entered(), Decision(), Consent(), new AdoptionDecisionReversed(D("2025-04-01"), "RD4"), new AdoptionDecisionMade(D("2025-05-01"))), Now),
            Consent("2025-05-10"));

    [Fact]
    public void consent_while_a_placement_order_is_in_force_is_rejected() =>
        ThenRejected(() => RecordAdoptionConsent.Decide(new(D("2025-03-01")),
            Given(Entered(), Decision(), new LegalStatusChanged(D("2025-02-15"), "E1")), Now), "date", "adoption.placement-order-in-force");

    [Fact]
    public void consent_after_the_match_is_rejected() =>
        ThenRejected(() => RecordAdoptionConsent.Decide(new(D("2025-04-10")), Given(Entered(), Decision(), Match()), Now), "date", "adoption.consent-after-match");

    [Fact]
    public void consent_for_a_child_not_looked_after_that_day_is_rejected() =>
        ThenRejected(() => RecordAdoptionConsent.Decide(new(D("2024-12-01")), Given(Entered(), Decision()), Now), "date", "care.not-in-care");

    [Fact]
    public void consent_in_the_future_is_rejected() =>
        ThenRejected(() => RecordAdoptionConsent.Decide(new(D("2025-09-02")), Given(Entered(), Decision()), Now), "date", "date.in-future");

    [Fact]
    public void a_back_dated_match_before_a_recorded_consent_is_a_history_conflict() =>
        ThenRejected(() => MatchWithAdopters.Decide(MatchCommand("2025-02-20"), Given(Entered(), Decision(), Consent()), Now), "date", "history.conflict");

    [Fact]
    public void the_consent_is_shown_on_the_decision_it_was_given_under()
    {
        var view = AdoptionApi.PermanenceOf(Given(Entered(), Decision(), Consent(), Match()));
        var decision = Assert.Single(view.PlacedAdoption);
        Assert.Equal((D("2025-02-01"), D("2025-03-01")), (decision.DatePlaced, decision.ConsentedOn));
    }

    [Fact]
    public void the_permanence_rows_follow_the_903_tables()
    {
        var child = Given(Entered(), Decision(), new AdoptionDecisionReversed(D("2025-03-01"), "RD2"),
            new AdoptionDecisionMade(D("2025-04-01")), Match("2025-05-01", fosterCarers: true));
        var view = AdoptionApi.PermanenceOf(child);
        Assert.Equal(2, view.PlacedAdoption.Count);
        Assert.Equal((D("2025-02-01"), D("2025-03-01"), "RD2"), (view.PlacedAdoption[0].DatePlaced, view.PlacedAdoption[0].DatePlacedCeased, view.PlacedAdoption[0].ReasonPlacedCeased));
        Assert.Null(view.PlacedAdoption[1].DatePlacedCeased);
        var match = Assert.Single(view.Matches);
        Assert.Equal((D("2025-04-01"), D("2025-05-01"), true), (match.DateInt, match.DateMatch, match.FosterCare));
    }
}

public class PreviousPermanenceTests
{
    private static EnterCare Entry(PreviousPermanence previous) =>
        new(D("2025-01-10"), "C1", "N1", Foster, "DE1 1AA", Girl(), PreviousPermanence: previous);

    [Theory]
    [InlineData("P2", "2019-05-14", "831")]
    [InlineData("P1", "2019-05", null)]
    [InlineData("P3", "2019", null)]
    [InlineData("P4", null, null)]
    [InlineData("Z1", null, null)]
    public void previous_permanence_is_recorded_with_the_entry(string option, string? date, string? authority)
    {
        var previous = new PreviousPermanence(option, date, authority);
        var events = EnterCare.Decide(Entry(previous), GivenNothing, Now);
        Assert.Equal(previous, Assert.IsType<ChildEnteredCare>(Assert.Single(events)).PreviousPermanence);
    }

    [Theory]
    [InlineData("P5", null, null, "previousPermanence.option", "code.unknown")]
    [InlineData("Z1", "2019", null, "previousPermanence.date", "previous-permanence.no-order")]
    [InlineData("P4", null, "831", "previousPermanence.authority", "previous-permanence.no-order")]
    [InlineData("P2", "14/05/2019", null, "previousPermanence.date", "previous-permanence.date-format")]
    [InlineData("P2", "2019-13", null, "previousPermanence.date", "previous-permanence.date-format")]
    [InlineData("P2", "2025-02", null, "previousPermanence.date", "previous-permanence.date-after-entry")]
    [InlineData("P2", "2019", "83", "previousPermanence.authority", "previous-permanence.authority")]
    public void a_bad_previous_permanence_is_rejected(string option, string? date, string? authority, string field, string rule) =>
        ThenRejected(() => EnterCare.Decide(Entry(new(option, date, authority)), GivenNothing, Now), field, rule);

    [Fact]
    public void a_month_only_date_in_the_month_care_began_is_accepted() =>
        Assert.Single(EnterCare.Decide(Entry(new("P2", "2025-01")), GivenNothing, Now));
}
