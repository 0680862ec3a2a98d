using CareTracking.Ssda903.Codes;

namespace CareTracking.Ssda903.Tests.Codes;

public class UrnsTests
{
    [Theory]
    [InlineData("SC123456")]
    [InlineData("SC000000")]
    [InlineData("2500001")]
    [InlineData("XXXXXXX")]
    public void an_ofsted_urn_is_sc_and_six_digits_or_seven_digits_or_xxxxxxx(string urn) =>
        Assert.True(Urns.IsWellFormed(urn));

    [Theory]
    [InlineData("SC12345")]   // five digits after SC
    [InlineData("SC1234567")] // seven digits after SC
    [InlineData("sc123456")]  // codes are upper case
    [InlineData("SC12345X")]
    [InlineData("SC 123456")]
    [InlineData("123456")]    // six digits
    [InlineData("12345678")]  // eight digits
    [InlineData("XXXXXX")]    // six Xs
    [InlineData("XXXXXXXX")]  // eight Xs
    [InlineData("xxxxxxx")]
    [InlineData("١٢٣٤٥٦٧")]   // seven digits, but not ASCII
    [InlineData("")]
    public void anything_else_is_not_a_urn(string urn) =>
        Assert.False(Urns.IsWellFormed(urn));
}
