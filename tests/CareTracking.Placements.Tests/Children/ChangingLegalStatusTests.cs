using CareTracking.Placements.Children;
using CareTracking.Placements.Children.ChangingLegalStatus;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class ChangingLegalStatusTests
{
    [Fact]
    public void changing_the_legal_status_records_the_change() =>
        Then(ChangeLegalStatus.Decide(new(D("2025-03-01"), "C2"), Given(Entered()), Now),
            new LegalStatusChanged(D("2025-03-01"), "C2"));

    [Fact]
    public void the_same_change_again_records_nothing() =>
        ThenNothing(ChangeLegalStatus.Decide(new(D("2025-03-01"), "C2"),
            Given(Entered(), new LegalStatusChanged(D("2025-03-01"), "C2")), Now));

    [Fact]
    public void changing_the_legal_status_of_a_child_never_in_care_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-03-01"), "C2"), GivenNothing, Now), "date", "care.not-in-care");

    [Fact]
    public void changing_the_legal_status_after_care_ceased_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-04-01"), "C2"),
                Given(Entered(), new ChildCeasedCare(D("2025-03-01"), "E4A")), Now),
            "date", "care.not-in-care");

    [Fact]
    public void changing_the_legal_status_before_the_child_entered_care_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2024-12-01"), "C2"), Given(Entered()), Now), "date", "care.not-in-care");

    [Fact]
    public void changing_the_legal_status_to_the_one_in_force_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-03-01"), "C1"), Given(Entered()), Now),
            "legalStatus", "legal-status.unchanged");

    [Fact]
    public void changing_the_legal_status_on_the_day_the_episode_began_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-01-10"), "C2"), Given(Entered()), Now), "date", "episode.same-day");

    [Fact]
    public void changing_to_an_unknown_legal_status_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-03-01"), "C4"), Given(Entered()), Now), "legalStatus", "code.unknown");

    [Fact]
    public void changing_to_a_freeing_order_after_2005_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-03-01"), "D1"), Given(Entered()), Now), "legalStatus", "code.not-in-use");

    [Fact]
    public void changing_the_legal_status_in_the_future_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-09-02"), "C2"), Given(Entered()), Now), "date", "date.in-future");

    [Fact]
    public void changing_the_legal_status_before_the_child_was_born_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2010-01-01"), "C2"), Given(Entered()), Now), "date", "date.before-birth");

    [Fact]
    public void remand_j1_for_a_child_under_10_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-03-01"), "J1"),
                Given(Entered(child: Girl(bornOn: D("2015-03-02")))), Now),
            "legalStatus", "legal-status.age-limit");

    [Fact]
    public void changing_to_a_single_section_20_while_placed_with_parents_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-03-01"), "V2"),
                Given(Entered(placement: new Placement("P1", "PR0", "DE1 1AA", null))), Now),
            "legalStatus", "placement.p1-under-v2");

    [Fact]
    public void changing_to_short_breaks_while_in_long_term_fostering_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-03-01"), "V3"), Given(Entered(placement: OtherFoster)), Now),
            "legalStatus", "placement.long-term-foster-under-short-break");

    [Fact]
    public void a_back_dated_change_that_fits_between_earlier_and_later_events_is_accepted() =>
        Then(ChangeLegalStatus.Decide(new(D("2025-02-01"), "C2"),
                Given(Entered(), Moved("2025-06-01", ChildrensHome, "P")), Now),
            new LegalStatusChanged(D("2025-02-01"), "C2"));

    [Fact]
    public void a_back_dated_change_that_makes_a_later_move_wrong_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-02-01"), "C2"),
                Given(Entered(), Moved("2025-06-01", ChildrensHome, "B", legalStatus: "C2")), Now),
            "date", "history.conflict");

    [Theory]
    [InlineData("2025-08-18", true)]  // 17 days
    [InlineData("2025-08-19", false)] // 18 days
    public void a_short_break_under_v3_lasts_at_most_17_days(string endDate, bool accepted)
    {
        var state = Given(Entered(date: "2025-08-01", legalStatus: "V3"));
        var command = new ChangeLegalStatus(D(endDate), "V2");
        if (accepted) Assert.Single(ChangeLegalStatus.Decide(command, state, Now));
        else ThenRejected(() => ChangeLegalStatus.Decide(command, state, Now), "date", "short-break.too-long");
    }
}
