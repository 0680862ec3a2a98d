using CareTracking.Ssda903.Codes;

namespace CareTracking.Ssda903.Tests.Codes;

public class PlacementLocationTests
{
    [Theory]
    [InlineData("831", true)]
    [InlineData("CON", true)]
    [InlineData("NUK", true)]
    [InlineData("83", false)]
    [InlineData("Con", false)]
    [InlineData("E06000015", false)]
    public void an_la_of_placement_is_three_digits_or_a_special_value(string code, bool wellFormed) =>
        Assert.Equal(wellFormed, PlacementLocalAuthority.IsWellFormed(code));

    [Theory]
    [InlineData("831", true)]
    [InlineData("CON", false)]
    [InlineData("WAL", false)]
    [InlineData(null, false)]
    public void only_three_digits_name_an_english_authority(string? code, bool english) =>
        Assert.Equal(english, PlacementLocalAuthority.IsEnglishAuthority(code));

    [Fact]
    public void the_unknown_distance_and_no_distance_are_not_known_distances()
    {
        Assert.False(PlacementDistance.IsKnown(999.9m));
        Assert.False(PlacementDistance.IsKnown(null));
        Assert.True(PlacementDistance.IsKnown(0m));
        Assert.True(PlacementDistance.IsKnown(999.8m));
    }
}
