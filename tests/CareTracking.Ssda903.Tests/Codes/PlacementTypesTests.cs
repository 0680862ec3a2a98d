using CareTracking.Ssda903.Codes;

namespace CareTracking.Ssda903.Tests.Codes;

public class PlacementTypesTests
{
    [Theory]
    [InlineData("T0", true)]
    [InlineData("T4", true)]
    [InlineData("U1", false)]
    public void temporary_placements_are_t0_to_t4(string code, bool temporary) =>
        Assert.Equal(temporary, PlacementTypes.IsTemporary(code));

    [Theory]
    [InlineData("A3", true)]
    [InlineData("A6", true)]
    [InlineData("U5", false)]
    public void placed_for_adoption_is_a3_to_a6(string code, bool adoption) =>
        Assert.Equal(adoption, PlacementTypes.IsPlacedForAdoption(code));

    [Theory]
    [InlineData("U1", true)]
    [InlineData("U6", true)]
    [InlineData("A3", false)]
    public void foster_placements_are_u1_to_u6(string code, bool foster) =>
        Assert.Equal(foster, PlacementTypes.IsFoster(code));

    [Theory]
    [InlineData("T1", false)]
    [InlineData("Z1", false)]
    [InlineData("Z13", false)]
    [InlineData("U4", true)]
    [InlineData("P1", true)]
    public void only_temporary_and_other_placements_may_omit_the_provider(string code, bool needsProvider) =>
        Assert.Equal(needsProvider, PlacementTypes.NeedsProvider(code));

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
    public void placement_types_not_inspected_by_ofsted_take_no_urn(string code) =>
        Assert.True(PlacementTypes.TakesNoUrn(code));

    [Theory]
    [InlineData("U1")]
    [InlineData("U6")]
    [InlineData("K1")]
    [InlineData("K2")]
    [InlineData("K3")]
    [InlineData("A3")]
    [InlineData("A6")]
    [InlineData("R3")]
    [InlineData("S1")]
    [InlineData("H5")] // not in the 2025/26 list that docs/ssda903.md gives
    [InlineData("Z1")]
    public void other_placement_types_may_take_a_urn(string code) =>
        Assert.False(PlacementTypes.TakesNoUrn(code));
}
