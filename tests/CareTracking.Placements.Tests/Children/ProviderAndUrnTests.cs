using CareTracking.Placements.Children;
using CareTracking.Placements.Children.EnteringCare;
using CareTracking.Placements.Children.MovingPlacement;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

/// <summary>PLACE_PROVIDER and URN against PLACE: 903 rules 550, 529 and 222, and the URN's format.</summary>
public class ProviderAndUrnTests
{
    /// <summary>The child is 14 on 1 May 2025.</summary>
    private static EnterCare Entering(Placement placement) => new(D("2025-05-01"), "C2", "N1", placement, "DE1 1AA", Girl());

    private static MovePlacement MovingTo(Placement placement) => new(D("2025-05-01"), placement, false, "CARPL", null);

    private static readonly Child InFosterCare = Given(Entered());

    // ---- 550: PR0 only with P1 ----

    [Theory]
    [InlineData("U6", "SC123456")]
    [InlineData("K2", "SC123456")]
    [InlineData("A4", "SC123456")]
    [InlineData("R1", null)]
    public void parents_as_provider_of_any_placement_but_p1_is_rejected(string type, string? urn) =>
        ThenRejected(() => EnterCare.Decide(Entering(new Placement(type, "PR0", "DE1 3AA", urn)), GivenNothing, Now),
            "placement.provider", "placement.provider-pr0-only-p1");

    [Fact]
    public void parents_as_provider_of_a_temporary_placement_are_rejected() =>
        ThenRejected(() => MovePlacement.Decide(MovingTo(new Placement("T3", "PR0", "DE1 3AA", null)), InFosterCare, Now),
            "placement.provider", "placement.provider-pr0-only-p1");

    [Fact]
    public void parents_as_provider_of_a_placement_with_parents_are_accepted() =>
        Assert.Single(EnterCare.Decide(Entering(new Placement("P1", "PR0", "DE1 1AA", null)), GivenNothing, Now));

    /// <summary>docs/ssda903.md gives rule 550 one way only (PR0 needs P1), so P1 may name another provider.</summary>
    [Fact]
    public void a_placement_with_parents_with_another_provider_is_accepted() =>
        Assert.Single(EnterCare.Decide(Entering(new Placement("P1", "PR1", "DE1 1AA", null)), GivenNothing, Now));

    // ---- 529: PR3 (other public provision) not with P1, A3–A6, K1, K2, U1–U6 ----

    [Theory]
    [InlineData("P1", null)]
    [InlineData("A3", "SC123456")]
    [InlineData("A4", "SC123456")]
    [InlineData("A5", "SC123456")]
    [InlineData("A6", "SC123456")]
    [InlineData("K1", "SC123456")]
    [InlineData("K2", "SC123456")]
    [InlineData("U1", "SC123456")]
    [InlineData("U2", "SC123456")]
    [InlineData("U3", "SC123456")]
    [InlineData("U4", "SC123456")]
    [InlineData("U5", "SC123456")]
    [InlineData("U6", "SC123456")]
    public void other_public_provision_of_placements_it_cannot_provide_is_rejected(string type, string? urn) =>
        ThenRejected(() => EnterCare.Decide(Entering(new Placement(type, "PR3", "DE1 3AA", urn)), GivenNothing, Now),
            "placement.provider", "placement.provider-pr3-not-allowed");

    [Theory]
    [InlineData("R1", null)]
    [InlineData("R2", null)]
    [InlineData("R3", "SC123456")]
    [InlineData("R5", null)]
    [InlineData("S1", "SC123456")]
    [InlineData("P3", null)]
    [InlineData("Z11", null)]
    public void other_public_provision_of_other_placements_is_accepted(string type, string? urn) =>
        Assert.Single(EnterCare.Decide(Entering(new Placement(type, "PR3", "DE1 3AA", urn)), GivenNothing, Now));

    [Fact]
    public void other_public_provision_of_a_secure_childrens_home_is_rejected_on_a_move_too() =>
        ThenRejected(() => MovePlacement.Decide(MovingTo(new Placement("K1", "PR3", "DE1 3AA", "SC123456")), InFosterCare, Now),
            "placement.provider", "placement.provider-pr3-not-allowed");

    // ---- 222: no URN for placement types Ofsted does not inspect ----

    private static Placement WithoutOfsted(string type, string? urn) =>
        new(type, type == "P1" ? "PR0" : type.StartsWith('T') ? null : "PR4", "DE1 3AA", urn);

    [Theory]
    [InlineData("P1")]
    [InlineData("P3")]
    [InlineData("R1")]
    [InlineData("R2")]
    [InlineData("R5")]
    [InlineData("T0")]
    [InlineData("T1")]
    [InlineData("T2")]
    [InlineData("T3")]
    [InlineData("T4")]
    [InlineData("Z11")]
    [InlineData("Z12")]
    [InlineData("Z13")]
    [InlineData("Z14")]
    public void a_urn_for_a_placement_type_that_takes_none_is_rejected(string type) =>
        ThenRejected(() => MovePlacement.Decide(MovingTo(WithoutOfsted(type, "SC123456")), InFosterCare, Now),
            "placement.urn", "placement.urn-not-taken");

    [Theory]
    [InlineData("P1")]
    [InlineData("P3")]
    [InlineData("R1")]
    [InlineData("R2")]
    [InlineData("R5")]
    [InlineData("T0")]
    [InlineData("T4")]
    [InlineData("Z11")]
    [InlineData("Z14")]
    public void the_same_placement_types_without_a_urn_are_accepted(string type) =>
        Assert.Single(MovePlacement.Decide(MovingTo(WithoutOfsted(type, null)), InFosterCare, Now));

    [Theory]
    [InlineData("R2")]
    [InlineData("P1")]
    public void xxxxxxx_for_a_setting_ofsted_does_not_inspect_is_accepted(string type) =>
        Assert.Single(MovePlacement.Decide(MovingTo(WithoutOfsted(type, "XXXXXXX")), InFosterCare, Now));

    [Fact]
    public void a_urn_for_a_placement_type_that_takes_one_is_accepted() =>
        Assert.Single(MovePlacement.Decide(MovingTo(new Placement("R3", "PR4", "DE1 3AA", "SC123456")), InFosterCare, Now));

    // ---- URN format: SC + 6 digits, 7 digits or XXXXXXX ----

    [Theory]
    [InlineData("SC123456")]
    [InlineData("2500001")]
    [InlineData("XXXXXXX")]
    public void a_well_formed_urn_is_accepted(string urn) =>
        Assert.Single(EnterCare.Decide(Entering(Foster with { Urn = urn }), GivenNothing, Now));

    [Theory]
    [InlineData("SC12345")]
    [InlineData("SC1234567")]
    [InlineData("sc123456")]
    [InlineData("250001")]
    [InlineData("25000011")]
    [InlineData("XXXXXX")]
    [InlineData("")]
    public void a_malformed_urn_is_rejected(string urn) =>
        ThenRejected(() => EnterCare.Decide(Entering(Foster with { Urn = urn }), GivenNothing, Now),
            "placement.urn", "placement.urn-format");

    [Fact]
    public void a_malformed_urn_is_rejected_on_a_move_too() =>
        ThenRejected(() => MovePlacement.Decide(MovingTo(ChildrensHome with { Urn = "SC11111" }), InFosterCare, Now),
            "placement.urn", "placement.urn-format");
}
