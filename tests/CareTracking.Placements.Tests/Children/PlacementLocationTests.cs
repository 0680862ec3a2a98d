using CareTracking.Placements.Children;
using CareTracking.Placements.Children.ChangingLegalStatus;
using CareTracking.Placements.Children.EnteringCare;
using CareTracking.Placements.Children.Episodes;
using CareTracking.Placements.Children.MovingPlacement;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

/// <summary>PL_LA and PL_DISTANCE on a placement: their format, 903 rule 454, and rules 398 and 420 (short breaks).</summary>
public class PlacementLocationTests
{
    private static EnterCare Entering(Placement placement, string legalStatus = "C2") =>
        new(D("2025-05-01"), legalStatus, "N1", placement, "DE1 1AA", Girl());

    private static MovePlacement MovingTo(Placement placement, string? legalStatus = null) =>
        new(D("2025-05-01"), placement, false, "CARPL", legalStatus);

    private static readonly Child InFosterCare = Given(Entered());

    private static Placement FosterIn(string? localAuthority = null, decimal? miles = null) =>
        Foster with { LocalAuthority = localAuthority, DistanceMiles = miles };

    // ---- PL_LA format ----

    [Theory]
    [InlineData("831")]
    [InlineData("201")]
    [InlineData("000")]
    [InlineData("CON")]
    [InlineData("NIR")]
    [InlineData("SCO")]
    [InlineData("WAL")]
    [InlineData("NUK")]
    public void an_la_code_of_three_digits_or_a_special_value_is_accepted(string code) =>
        Then(EnterCare.Decide(Entering(FosterIn(code)), GivenNothing, Now),
            new ChildEnteredCare(D("2025-05-01"), "C2", "N1", FosterIn(code), "DE1 1AA", Girl()));

    [Theory]
    [InlineData("83")]
    [InlineData("8311")]
    [InlineData("83A")]
    [InlineData(" 831")]
    [InlineData("con")]
    [InlineData("ENG")]
    [InlineData("E06000015")]
    [InlineData("")]
    [InlineData("８３１")]
    public void anything_else_as_the_la_of_placement_is_rejected(string code) =>
        ThenRejected(() => EnterCare.Decide(Entering(FosterIn(code)), GivenNothing, Now),
            "placement.localAuthority", "placement.local-authority-format");

    [Fact]
    public void a_malformed_la_on_a_move_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(MovingTo(ChildrensHome with { LocalAuthority = "Derby" }), InFosterCare, Now),
            "placement.localAuthority", "placement.local-authority-format");

    // ---- PL_DISTANCE range and format, rule 454 ----

    [Theory]
    [InlineData("0")]
    [InlineData("0.1")]
    [InlineData("20")]
    [InlineData("20.1")]
    [InlineData("350")]
    [InlineData("350.0")]
    [InlineData("999.9")]
    [InlineData("12.30")]
    public void a_distance_from_0_to_350_miles_or_999_9_is_accepted(string miles)
    {
        var distance = decimal.Parse(miles, System.Globalization.CultureInfo.InvariantCulture);
        Then(MovePlacement.Decide(MovingTo(ChildrensHome with { DistanceMiles = distance }), InFosterCare, Now),
            Moved("2025-05-01", ChildrensHome with { DistanceMiles = distance }, "P"));
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("-5")]
    [InlineData("1000")]
    [InlineData("999.91")]
    public void a_distance_below_0_or_above_999_9_is_rejected(string miles) =>
        ThenRejected(() => EnterCare.Decide(Entering(FosterIn(miles: decimal.Parse(miles, System.Globalization.CultureInfo.InvariantCulture))), GivenNothing, Now),
            "placement.distanceMiles", "placement.distance-range");

    [Theory]
    [InlineData("12.34")]
    [InlineData("0.05")]
    public void a_distance_with_more_than_one_decimal_is_rejected(string miles) =>
        ThenRejected(() => EnterCare.Decide(Entering(FosterIn(miles: decimal.Parse(miles, System.Globalization.CultureInfo.InvariantCulture))), GivenNothing, Now),
            "placement.distanceMiles", "placement.distance-format");

    [Theory]
    [InlineData("350.1")]
    [InlineData("500")]
    [InlineData("999.8")]
    public void a_distance_over_350_miles_other_than_999_9_is_rejected(string miles) =>
        ThenRejected(() => MovePlacement.Decide(MovingTo(ChildrensHome with { DistanceMiles = decimal.Parse(miles, System.Globalization.CultureInfo.InvariantCulture) }), InFosterCare, Now),
            "placement.distanceMiles", "placement.distance-over-350");

    // ---- 398 and 420: no distance or LA of placement under V3/V4 ----

    [Theory]
    [InlineData("V3")]
    [InlineData("V4")]
    public void entering_short_breaks_with_a_distance_is_rejected(string legalStatus) =>
        ThenRejected(() => EnterCare.Decide(Entering(FosterIn(miles: 3.2m), legalStatus), GivenNothing, Now),
            "placement.distanceMiles", "placement.distance-under-short-break");

    [Theory]
    [InlineData("V3")]
    [InlineData("V4")]
    public void entering_short_breaks_with_an_la_of_placement_is_rejected(string legalStatus) =>
        ThenRejected(() => EnterCare.Decide(Entering(FosterIn("831"), legalStatus), GivenNothing, Now),
            "placement.localAuthority", "placement.local-authority-under-short-break");

    [Fact]
    public void the_unknown_distance_is_still_a_distance_recorded_and_is_rejected_under_short_breaks() =>
        ThenRejected(() => EnterCare.Decide(Entering(FosterIn(miles: 999.9m), "V3"), GivenNothing, Now),
            "placement.distanceMiles", "placement.distance-under-short-break");

    [Fact]
    public void entering_short_breaks_without_distance_or_la_is_accepted() =>
        Assert.Single(EnterCare.Decide(Entering(Foster, "V3"), GivenNothing, Now));

    [Fact]
    public void a_move_under_v4_with_a_distance_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(MovingTo(ChildrensHome with { DistanceMiles = 4m }), Given(Entered(legalStatus: "V4")), Now),
            "placement.distanceMiles", "placement.distance-under-short-break");

    [Fact]
    public void a_move_that_starts_v4_with_an_la_of_placement_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(MovingTo(ChildrensHome with { LocalAuthority = "855" }, legalStatus: "V4"), InFosterCare, Now),
            "placement.localAuthority", "placement.local-authority-under-short-break");

    [Fact]
    public void a_move_that_ends_short_breaks_may_record_distance_and_la() =>
        Assert.Single(MovePlacement.Decide(MovingTo(ChildrensHome with { LocalAuthority = "855", DistanceMiles = 24.8m }, legalStatus: "C2"),
            Given(Entered(legalStatus: "V4")), Now));

    [Fact]
    public void a_change_to_short_breaks_while_the_placement_records_a_distance_names_the_legal_status() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new ChangeLegalStatus(D("2025-05-01"), "V4"), Given(Entered(placement: FosterIn(miles: 2.5m))), Now),
            "legalStatus", "placement.distance-under-short-break");

    [Fact]
    public void a_change_to_short_breaks_while_the_placement_records_an_la_names_the_legal_status() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new ChangeLegalStatus(D("2025-05-01"), "V4"), Given(Entered(placement: FosterIn("831"))), Now),
            "legalStatus", "placement.local-authority-under-short-break");

    [Fact]
    public void a_change_to_another_legal_status_keeps_the_placement_s_distance_and_la() =>
        Assert.Single(ChangeLegalStatus.Decide(new ChangeLegalStatus(D("2025-05-01"), "C2"), Given(Entered(placement: FosterIn("831", 2.5m))), Now));

    // ---- In the child and the episodes ----

    [Fact]
    public void the_episodes_carry_pl_la_and_pl_distance_of_their_placement()
    {
        var rows = EpisodeHistory.Derive(Given(
            Entered(placement: FosterIn("831", 3.4m)),
            Moved("2025-03-01", ChildrensHome with { LocalAuthority = "SCO", DistanceMiles = 999.9m }, "P"),
            Moved("2025-06-01", Foster, "P")));

        Assert.Equal(
            [("831", 3.4m), ("SCO", 999.9m), (null, null)],
            rows.Select(r => (r.PlLa, r.PlDistance)).ToList<(string?, decimal?)>());
    }

    [Fact]
    public void the_current_state_shows_the_placement_s_la_and_distance() =>
        Assert.Equal(("855", 41.2m),
            CurrentState.Of(Given(Entered(), Moved("2025-03-01", ChildrensHome with { LocalAuthority = "855", DistanceMiles = 41.2m }, "P")))
                .Placement is { } p ? (p.LocalAuthority, p.DistanceMiles) : default);
}
