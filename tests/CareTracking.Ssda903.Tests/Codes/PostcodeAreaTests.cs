using CareTracking.Ssda903.Codes;

namespace CareTracking.Ssda903.Tests.Codes;

public class PostcodeAreaTests
{
    [Theory]
    [InlineData("DE22 3NE", "DE")]
    [InlineData("B1 1AA", "B")]
    [InlineData("le1 6zg", "LE")]
    [InlineData("  NG7 2RD ", "NG")]
    [InlineData("W1A 1AA", "W")]
    public void the_area_is_the_leading_letters(string postcode, string area) =>
        Assert.Equal(area, PostcodeArea.Of(postcode));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("123")]
    public void no_postcode_has_no_area(string? postcode) =>
        Assert.Null(PostcodeArea.Of(postcode));
}
