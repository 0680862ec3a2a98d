using CareTracking.Placements.Children;
using CareTracking.Placements.Children.CeasingCare;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class CeasingCareTests
{
    private static readonly Placement PlacedForAdoption = new("A5", "PR1", "DE22 3NE", "SC123456");

    [Fact]
    public void ceasing_care_records_the_end_of_the_period() =>
        Then(CeaseCare.Decide(new(D("2025-03-01"), "E4A"), Given(Entered()), Now), new ChildCeasedCare(D("2025-03-01"), "E4A"));

    [Fact]
    public void ceasing_care_again_with_the_same_facts_records_nothing() =>
        ThenNothing(CeaseCare.Decide(new(D("2025-03-01"), "E4A"), Given(Entered(), new ChildCeasedCare(D("2025-03-01"), "E4A")), Now));

    [Fact]
    public void ceasing_care_of_a_child_never_in_care_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-03-01"), "E4A"), GivenNothing, Now), "date", "care.not-in-care");

    [Fact]
    public void ceasing_care_twice_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-04-01"), "E8"), Given(Entered(), new ChildCeasedCare(D("2025-03-01"), "E4A")), Now),
            "date", "care.not-in-care");

    [Fact]
    public void ceasing_care_in_the_future_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-09-02"), "E4A"), Given(Entered()), Now), "date", "date.in-future");

    [Fact]
    public void ceasing_care_on_the_day_the_episode_began_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-01-10"), "E4A"), Given(Entered()), Now), "date", "episode.same-day");

    [Fact]
    public void ceasing_care_with_an_unknown_reason_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-03-01"), "E4"), Given(Entered()), Now), "reason", "code.unknown");

    [Fact]
    public void ceasing_care_with_the_continuation_code_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-03-01"), "X1"), Given(Entered()), Now), "reason", "ceased-care.continuation-code");

    [Fact]
    public void ceasing_care_from_a_temporary_placement_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-03-05"), "E4A"), Given(Entered(), Moved("2025-03-01", Hospital, "P", reason: null)), Now),
            "date", "ceased-care.temporary-placement");

    [Theory]
    [InlineData("E11")]
    [InlineData("E12")]
    public void adoption_from_a_placement_for_adoption_is_accepted(string reason) =>
        Then(CeaseCare.Decide(new(D("2025-06-01"), reason), Given(Entered(), Moved("2025-02-01", PlacedForAdoption, "T", sameCarer: true)), Now),
            new ChildCeasedCare(D("2025-06-01"), reason));

    [Theory]
    [InlineData("E11")]
    [InlineData("E12")]
    public void adoption_from_any_other_placement_is_rejected(string reason) =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-06-01"), reason), Given(Entered()), Now), "reason", "ceased-care.adoption-placement");

    [Fact]
    public void adoption_on_or_after_the_18th_birthday_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-06-01"), "E11"),
                Given(Entered(placement: PlacedForAdoption, child: Girl(bornOn: D("2007-06-01")))), Now),
            "reason", "ceased-care.under-18");

    [Fact]
    public void adoption_the_day_before_the_18th_birthday_is_accepted() =>
        Assert.Single(CeaseCare.Decide(new(D("2025-05-31"), "E11"),
            Given(Entered(placement: PlacedForAdoption, child: Girl(bornOn: D("2007-06-01")))), Now));

    [Theory]
    [InlineData("E45")]
    [InlineData("E46")]
    public void special_guardianship_to_former_foster_carers_from_a_foster_placement_is_accepted(string reason) =>
        Assert.Single(CeaseCare.Decide(new(D("2025-06-01"), reason), Given(Entered()), Now));

    [Theory]
    [InlineData("E45")]
    [InlineData("E46")]
    public void special_guardianship_to_former_foster_carers_from_a_childrens_home_is_rejected(string reason) =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-06-01"), reason), Given(Entered(placement: ChildrensHome)), Now),
            "reason", "ceased-care.sgo-foster-placement");

    [Fact]
    public void special_guardianship_to_other_carers_from_a_childrens_home_is_accepted() =>
        Assert.Single(CeaseCare.Decide(new(D("2025-06-01"), "E47"), Given(Entered(placement: ChildrensHome)), Now));

    [Fact]
    public void special_guardianship_at_18_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-06-01"), "E48"), Given(Entered(child: Girl(bornOn: D("2007-06-01")))), Now),
            "reason", "ceased-care.under-18");

    [Theory]
    [InlineData("E6", "2011-06-02")] // 13 on 1 June 2025
    [InlineData("E7", "2009-06-02")] // 15
    public void leaving_care_for_independent_living_or_adult_care_below_the_minimum_age_is_rejected(string reason, string bornOn) =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-06-01"), reason), Given(Entered(child: Girl(bornOn: D(bornOn)))), Now),
            "reason", "ceased-care.age-limit");

    [Theory]
    [InlineData("E6", "2011-06-01")] // 14
    [InlineData("E7", "2009-06-01")] // 16
    public void leaving_care_for_independent_living_or_adult_care_at_the_minimum_age_is_accepted(string reason, string bornOn) =>
        Assert.Single(CeaseCare.Decide(new(D("2025-06-01"), reason), Given(Entered(child: Girl(bornOn: D(bornOn)))), Now));

    [Theory]
    [InlineData("2025-08-18", true)]  // 17 days
    [InlineData("2025-08-19", false)] // 18 days
    public void a_short_break_under_v3_ends_within_17_days(string endDate, bool accepted)
    {
        var state = Given(Entered(date: "2025-08-01", legalStatus: "V3"));
        var command = new CeaseCare(D(endDate), "E8");
        if (accepted) Assert.Single(CeaseCare.Decide(command, state, Now));
        else ThenRejected(() => CeaseCare.Decide(command, state, Now), "date", "short-break.too-long");
    }

    [Fact]
    public void a_short_break_measured_from_the_change_to_v3_not_from_entering_care() =>
        Assert.Single(CeaseCare.Decide(new(D("2025-08-15"), "E8"),
            Given(Entered(date: "2025-07-01", legalStatus: "V2"), new LegalStatusChanged(D("2025-08-01"), "V3")), Now));

    [Fact]
    public void a_back_dated_ceasing_before_a_later_move_is_rejected() =>
        ThenRejected(() => CeaseCare.Decide(new(D("2025-03-01"), "E4A"), Given(Entered(), Moved("2025-06-01", ChildrensHome, "P")), Now),
            "date", "history.conflict");
}
