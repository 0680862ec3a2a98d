using CareTracking.Placements.Children;
using CareTracking.Placements.Children.EnteringCare;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class EnteringCareTests
{
    private static EnterCare Command(
        string date = "2025-01-10", string legalStatus = "C1", string categoryOfNeed = "N1",
        Placement? placement = null, ChildDetails? child = null) =>
        new(D(date), legalStatus, categoryOfNeed, placement ?? Foster, "DE1 1AA", child ?? Girl());

    [Fact]
    public void entering_care_records_that_the_child_entered_care() =>
        Then(EnterCare.Decide(Command(), GivenNothing, Now),
            new ChildEnteredCare(D("2025-01-10"), "C1", "N1", Foster, "DE1 1AA", new ChildDetails("F", D("2010-06-15"), "WBRI", false)));

    [Fact]
    public void entering_care_again_with_the_same_facts_records_nothing() =>
        ThenNothing(EnterCare.Decide(Command(), Given(Entered()), Now));

    [Fact]
    public void entering_care_while_already_in_care_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(Command(date: "2025-03-01"), Given(Entered()), Now), "date", "care.already-in-care");

    [Fact]
    public void entering_care_dated_inside_an_earlier_period_of_care_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(Command(date: "2025-02-01"),
                Given(Entered(), new ChildCeasedCare(D("2025-03-01"), "E4A")), Now),
            "date", "care.already-in-care");

    [Fact]
    public void entering_care_after_a_period_of_care_ended_starts_another() =>
        Then(EnterCare.Decide(Command(date: "2025-05-01", legalStatus: "V2"),
                Given(Entered(), new ChildCeasedCare(D("2025-03-01"), "E4A")), Now),
            new ChildEnteredCare(D("2025-05-01"), "V2", "N1", Foster, "DE1 1AA", Girl()));

    [Fact]
    public void entering_care_dated_in_the_future_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(Command(date: "2025-09-02"), GivenNothing, Now), "date", "date.in-future");

    [Fact]
    public void entering_care_dated_today_in_the_uk_is_accepted_while_the_utc_date_is_still_yesterday()
    {
        var halfPastMidnightBritishSummerTime = new DateTimeOffset(2025, 9, 1, 23, 30, 0, TimeSpan.Zero);
        Assert.Single(EnterCare.Decide(Command(date: "2025-09-02"), GivenNothing, halfPastMidnightBritishSummerTime));
    }

    [Fact]
    public void entering_care_before_the_child_was_born_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(Command(date: "2010-06-14"), GivenNothing, Now), "date", "date.before-birth");

    [Fact]
    public void entering_care_on_the_day_of_birth_is_accepted() =>
        Assert.Single(EnterCare.Decide(Command(date: "2010-06-15", legalStatus: "L2"), GivenNothing, Now));

    [Fact]
    public void a_date_of_birth_in_the_future_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(Command(child: Girl(bornOn: D("2025-12-01"))), GivenNothing, Now),
            "child.dateOfBirth", "date.in-future");

    [Theory]
    [InlineData("legalStatus")]
    [InlineData("categoryOfNeed")]
    [InlineData("placement.type")]
    [InlineData("placement.provider")]
    [InlineData("child.sex")]
    [InlineData("child.ethnicity")]
    public void entering_care_with_an_unknown_code_is_rejected(string field)
    {
        var command = field switch
        {
            "legalStatus" => Command(legalStatus: "C9"),
            "categoryOfNeed" => Command(categoryOfNeed: "N0"),
            "placement.type" => Command(placement: Foster with { Type = "U9" }),
            "placement.provider" => Command(placement: Foster with { Provider = "PR7" }),
            "child.sex" => Command(child: Girl() with { Sex = "2" }),
            _ => Command(child: Girl() with { Ethnicity = "WHITE" }),
        };
        ThenRejected(() => EnterCare.Decide(command, GivenNothing, Now), field, "code.unknown");
    }

    [Fact]
    public void entering_care_in_a_placement_type_retired_before_that_year_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(
                Command(date: "2025-04-01", placement: new Placement("H5", "PR4", "DE1 3AA", "SC222222"), child: Girl(bornOn: D("2008-05-01"))),
                GivenNothing, Now),
            "placement.type", "code.not-in-use");

    [Fact]
    public void entering_care_back_dated_to_a_year_when_the_placement_type_was_valid_is_accepted() =>
        Assert.Single(EnterCare.Decide(
            Command(date: "2025-03-31", placement: new Placement("H5", "PR4", "DE1 3AA", "SC222222"), child: Girl(bornOn: D("2008-05-01"))),
            GivenNothing, Now));

    [Fact]
    public void entering_care_in_a_placement_type_introduced_after_that_year_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(
                Command(date: "2024-03-31", placement: new Placement("K3", "PR4", "DE1 3AA", "SC222222"), child: Girl(bornOn: D("2007-05-01"))),
                GivenNothing, Now),
            "placement.type", "code.not-in-use");

    [Fact]
    public void entering_care_with_a_legal_status_not_yet_in_force_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(Command(date: "2005-11-30", legalStatus: "E1", child: Girl(bornOn: D("2004-01-01"))), GivenNothing, Now),
            "legalStatus", "code.not-in-use");

    [Fact]
    public void entering_care_without_a_provider_is_rejected_for_a_foster_placement() =>
        ThenRejected(() => EnterCare.Decide(Command(placement: Foster with { Provider = null }), GivenNothing, Now),
            "placement.provider", "placement.provider-required");

    [Fact]
    public void entering_care_without_a_provider_is_accepted_for_an_other_placement() =>
        Assert.Single(EnterCare.Decide(Command(placement: new Placement("Z1", null, "DE1 3AA", null)), GivenNothing, Now));

    [Fact]
    public void entering_care_in_a_temporary_placement_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(Command(placement: Hospital), GivenNothing, Now),
            "placement.type", "placement.temporary-at-start");

    /// <summary>A placement of an age-limited type; residential employment (P3) and YOIs (R5) have no Ofsted URN (rule 222).</summary>
    private static Placement AgeLimited(string type) => new(type, "PR4", "DE1 3AA", type is "P3" or "R5" ? null : "SC222222");

    [Theory]
    [InlineData("K3", "2009-09-02", "2025-09-01")] // 15, a day short of 16
    [InlineData("H5", "2009-02-01", "2025-01-31")] // 15, a day short of 16
    [InlineData("P3", "2011-08-01", "2025-07-31")] // 13
    [InlineData("R5", "2015-08-01", "2025-07-31")] // 9
    [InlineData("S1", "2021-08-01", "2025-07-31")] // 3
    public void entering_care_in_a_placement_below_its_minimum_age_is_rejected(string type, string bornOn, string date) =>
        ThenRejected(() => EnterCare.Decide(
                Command(date: date, placement: AgeLimited(type), child: Girl(bornOn: D(bornOn))),
                GivenNothing, Now),
            "placement.type", "placement.age-limit");

    [Theory]
    [InlineData("K3", "2009-09-01", "2025-09-01")] // 16 that day
    [InlineData("H5", "2009-01-31", "2025-01-31")]
    [InlineData("P3", "2011-07-31", "2025-07-31")] // 14
    [InlineData("R5", "2015-07-31", "2025-07-31")] // 10
    [InlineData("S1", "2021-07-31", "2025-07-31")] // 4
    public void entering_care_in_a_placement_at_its_minimum_age_is_accepted(string type, string bornOn, string date) =>
        Assert.Single(EnterCare.Decide(
            Command(date: date, placement: AgeLimited(type), child: Girl(bornOn: D(bornOn))),
            GivenNothing, Now));

    [Theory]
    [InlineData("2015-07-31", false)] // 9
    [InlineData("2015-07-30", true)]  // 10
    public void remand_j1_is_only_for_children_aged_10_or_over(string bornOn, bool accepted)
    {
        var command = Command(date: "2025-07-30", legalStatus: "J1", placement: ChildrensHome, child: Girl(bornOn: D(bornOn)));
        if (accepted) Assert.Single(EnterCare.Decide(command, GivenNothing, Now));
        else ThenRejected(() => EnterCare.Decide(command, GivenNothing, Now), "legalStatus", "legal-status.age-limit");
    }

    [Fact]
    public void placed_with_parents_under_a_single_section_20_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(
                Command(legalStatus: "V2", placement: new Placement("P1", "PR0", "DE1 1AA", null)), GivenNothing, Now),
            "placement.type", "placement.p1-under-v2");

    [Fact]
    public void placed_with_parents_under_a_care_order_is_accepted() =>
        Assert.Single(EnterCare.Decide(
            Command(legalStatus: "C2", placement: new Placement("P1", "PR0", "DE1 1AA", null)), GivenNothing, Now));

    [Fact]
    public void long_term_fostering_during_short_breaks_is_rejected() =>
        ThenRejected(() => EnterCare.Decide(Command(legalStatus: "V3", placement: OtherFoster), GivenNothing, Now),
            "placement.type", "placement.long-term-foster-under-short-break");
}

/// <summary>Ages are whole years as English law counts them (Ssda903 Age): a child born on 29 February turns a
/// year older on 1 March in a year without one, the same in every service.</summary>
public class LeapDayBirthdayTests
{
    private static readonly ChildDetails BornOnLeapDay = Scenario.Girl(Scenario.D("2012-02-29"));

    private static EnterCare UnderJ1(string date) =>
        new(Scenario.D(date), "J1", "N1", Scenario.Foster, "DE1 1AA", BornOnLeapDay);

    [Fact]
    public void a_child_born_on_29_february_is_still_9_on_28_february_2022_and_cannot_enter_care_under_j1() =>
        Scenario.ThenRejected(() => EnterCare.Decide(UnderJ1("2022-02-28"), Scenario.GivenNothing, Scenario.Now),
            "legalStatus", "legal-status.age-limit");

    [Fact]
    public void a_child_born_on_29_february_is_10_on_1_march_2022_and_can_enter_care_under_j1() =>
        Assert.Single(EnterCare.Decide(UnderJ1("2022-03-01"), Scenario.GivenNothing, Scenario.Now));
}
