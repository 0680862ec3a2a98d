using CareTracking.Placements.Children;
using CareTracking.Placements.Children.MovingPlacement;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class MovingPlacementTests
{
    private static readonly Child InFosterCare = Given(Entered());

    [Theory]
    [InlineData(false, null, "P")]
    [InlineData(true, null, "T")]
    [InlineData(false, "C2", "B")]
    [InlineData(true, "C2", "U")]
    public void the_reason_for_the_new_episode_follows_from_the_carer_and_the_legal_status(bool sameCarer, string? legalStatus, string rne) =>
        Then(MovePlacement.Decide(new(D("2025-03-01"), ChildrensHome, sameCarer, "CARPL", legalStatus), InFosterCare, Now),
            new PlacementMoved(D("2025-03-01"), ChildrensHome, sameCarer, "CARPL", legalStatus, rne));

    [Theory]
    [InlineData(false, false, "P")]
    [InlineData(true, false, "T")]
    [InlineData(false, true, "B")]
    [InlineData(true, true, "U")]
    public void reason_for_new_episode_of_a_move(bool sameCarer, bool legalStatusChanged, string rne) =>
        Assert.Equal(rne, ReasonForNewEpisode.OfMove(sameCarer, legalStatusChanged));

    [Fact]
    public void the_same_move_again_records_nothing() =>
        ThenNothing(MovePlacement.Decide(new(D("2025-03-01"), ChildrensHome, false, "CARPL", null),
            Given(Entered(), Moved("2025-03-01", ChildrensHome, "P")), Now));

    [Fact]
    public void moving_a_child_never_in_care_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-03-01"), ChildrensHome, false, "CARPL", null), GivenNothing, Now),
            "date", "care.not-in-care");

    [Fact]
    public void moving_a_child_after_care_ceased_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-04-01"), ChildrensHome, false, "CARPL", null),
                Given(Entered(), new ChildCeasedCare(D("2025-03-01"), "E4A")), Now),
            "date", "care.not-in-care");

    [Fact]
    public void moving_a_child_before_the_current_period_of_care_began_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2024-12-01"), ChildrensHome, false, "CARPL", null), InFosterCare, Now),
            "date", "care.not-in-care");

    [Fact]
    public void moving_in_the_future_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-09-02"), ChildrensHome, false, "CARPL", null), InFosterCare, Now),
            "date", "date.in-future");

    [Fact]
    public void moving_on_the_day_the_episode_began_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-01-10"), ChildrensHome, false, "CARPL", null), InFosterCare, Now),
            "date", "episode.same-day");

    [Fact]
    public void a_move_to_the_same_placement_and_carer_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-03-01"), Foster, true, "PLACE", null), InFosterCare, Now),
            "placement", "placement.unchanged");

    [Fact]
    public void a_move_to_a_new_carer_in_a_placement_of_the_same_description_is_accepted() =>
        Then(MovePlacement.Decide(new(D("2025-03-01"), Foster, false, "STAND", null), InFosterCare, Now),
            Moved("2025-03-01", Foster, "P", reason: "STAND"));

    [Fact]
    public void a_move_giving_the_legal_status_already_in_force_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-03-01"), ChildrensHome, false, "CARPL", "C1"), InFosterCare, Now),
            "legalStatus", "legal-status.unchanged");

    [Fact]
    public void a_move_without_a_reason_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-03-01"), ChildrensHome, false, null, null), InFosterCare, Now),
            "reason", "placement.reason-required");

    [Fact]
    public void a_move_before_reasons_were_collected_needs_no_reason() =>
        Then(MovePlacement.Decide(new(D("2016-03-31"), ChildrensHome, false, null, null), Given(Entered(date: "2016-01-04")), Now),
            Moved("2016-03-31", ChildrensHome, "P", reason: null));

    [Fact]
    public void a_reason_for_the_move_before_reasons_were_collected_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2016-03-31"), ChildrensHome, false, "CARPL", null), Given(Entered(date: "2016-01-04")), Now),
            "reason", "code.not-in-use");

    [Theory]
    [InlineData("placement.type")]
    [InlineData("placement.provider")]
    [InlineData("reason")]
    [InlineData("legalStatus")]
    public void a_move_with_an_unknown_code_is_rejected(string field)
    {
        var command = field switch
        {
            "placement.type" => new MovePlacement(D("2025-03-01"), ChildrensHome with { Type = "K4" }, false, "CARPL", null),
            "placement.provider" => new MovePlacement(D("2025-03-01"), ChildrensHome with { Provider = "PR9" }, false, "CARPL", null),
            "reason" => new MovePlacement(D("2025-03-01"), ChildrensHome, false, "BORED", null),
            _ => new MovePlacement(D("2025-03-01"), ChildrensHome, false, "CARPL", "C7"),
        };
        ThenRejected(() => MovePlacement.Decide(command, InFosterCare, Now), field, "code.unknown");
    }

    [Fact]
    public void a_move_into_a_placement_type_retired_that_year_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(
                new(D("2025-08-01"), new Placement("P2", "PR4", "DE1 3AA", null), false, "CARPL", null),
                Given(Entered(child: Girl(bornOn: D("2008-01-01")))), Now),
            "placement.type", "code.not-in-use");

    [Fact]
    public void a_move_into_supported_accommodation_under_16_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(
                new(D("2025-08-01"), new Placement("K3", "PR4", "DE1 3AA", "2500001"), false, "CARPL", null), InFosterCare, Now),
            "placement.type", "placement.age-limit");

    [Fact]
    public void a_move_to_parents_under_a_single_section_20_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(
                new(D("2025-03-01"), new Placement("P1", "PR0", "DE1 1AA", null), false, "CARPL", null),
                Given(Entered(legalStatus: "V2")), Now),
            "placement.type", "placement.p1-under-v2");

    [Fact]
    public void a_temporary_placement_during_short_breaks_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-08-05"), Hospital, false, null, null),
                Given(Entered(date: "2025-08-01", legalStatus: "V4")), Now),
            "placement.type", "placement.temporary-under-short-break");

    [Fact]
    public void a_move_into_a_temporary_placement_needs_no_reason() =>
        Then(MovePlacement.Decide(new(D("2025-03-01"), Hospital, false, null, null), InFosterCare, Now),
            Moved("2025-03-01", Hospital, "P", reason: null));

    [Fact]
    public void returning_from_a_temporary_placement_to_the_same_placement_is_accepted_without_a_reason() =>
        Then(MovePlacement.Decide(new(D("2025-03-08"), Foster, false, null, null),
                Given(Entered(), Moved("2025-03-01", Hospital, "P", reason: null)), Now),
            Moved("2025-03-08", Foster, "P", reason: null));

    [Fact]
    public void moving_on_from_a_temporary_placement_to_another_placement_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-03-08"), ChildrensHome, false, "CARPL", null),
                Given(Entered(), Moved("2025-03-01", Hospital, "P", reason: null)), Now),
            "placement", "placement.temporary-return");

    [Fact]
    public void returning_from_a_temporary_placement_to_another_postcode_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-03-08"), Foster with { Postcode = "DE3 9AA" }, false, null, null),
                Given(Entered(), Moved("2025-03-01", Hospital, "P", reason: null)), Now),
            "placement", "placement.temporary-return");

    [Fact]
    public void returning_from_a_temporary_placement_as_the_same_carer_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-03-08"), Foster, true, null, null),
                Given(Entered(), Moved("2025-03-01", Hospital, "P", reason: null)), Now),
            "sameCarer", "placement.temporary-return");

    [Fact]
    public void a_back_dated_move_that_fits_between_earlier_and_later_events_is_accepted() =>
        Then(MovePlacement.Decide(new(D("2025-03-01"), OtherFoster, false, "CARPL", null),
                Given(Entered(), Moved("2025-06-01", ChildrensHome, "P", reason: "CREQB")), Now),
            Moved("2025-03-01", OtherFoster, "P"));

    [Fact]
    public void a_back_dated_move_landing_inside_a_temporary_placement_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-03-04"), OtherFoster, false, "CARPL", null),
                Given(Entered(), Moved("2025-03-01", Hospital, "P", reason: null), Moved("2025-03-08", Foster, "P", reason: null)), Now),
            "placement", "placement.temporary-return");

    [Fact]
    public void a_back_dated_move_that_breaks_the_return_from_a_later_temporary_placement_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-02-01"), OtherFoster, false, "CARPL", null),
                Given(Entered(), Moved("2025-03-01", Hospital, "P", reason: null), Moved("2025-03-08", Foster, "P", reason: null)), Now),
            "date", "history.conflict");
}
