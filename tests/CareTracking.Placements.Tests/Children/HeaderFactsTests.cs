using CareTracking.Placements.Children;
using CareTracking.Placements.Children.EnteringCare;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

/// <summary>UPN, MOTHER and MC_DOB on the entry to care (the 903 header's facts; HeaderRules).</summary>
public class HeaderFactsTests
{
    private static EnterCare Entry(ChildDetails child) => new(D("2025-01-10"), "C1", "N1", Foster, "DE1 1AA", child);

    [Theory]
    [InlineData("A123456789012", null, null)]
    [InlineData("Z12345678901B", null, null)]
    [InlineData("UN1", null, null)]
    [InlineData("UN5", true, "2024-12-01")]
    [InlineData(null, false, null)]
    [InlineData("I12345678901", null, null)]  // a shape the DfE refuses is still the child's number: the return's check reports it
    public void the_header_facts_are_recorded_with_the_entry(string? upn, bool? mother, string? childBorn)
    {
        var child = Girl() with { Upn = upn, Mother = mother, MotherChildDateOfBirth = childBorn is null ? null : D(childBorn) };
        var entered = Assert.IsType<ChildEnteredCare>(Assert.Single(EnterCare.Decide(Entry(child), GivenNothing, Now)));
        Assert.Equal(child, entered.Child);
    }

    [Theory]
    [InlineData(null, "M", false, null, "child.mother", "903-rule-165")]
    [InlineData(null, "F", false, "2024-12-01", "child.motherChildDateOfBirth", "mother-child-dob.not-a-mother")]
    [InlineData(null, "F", true, "2010-06-15", "child.motherChildDateOfBirth", "mother-child-dob.before-birth")]
    [InlineData(null, "F", true, "2025-09-02", "child.motherChildDateOfBirth", "date.in-future")]
    public void a_bad_header_fact_is_rejected(string? upn, string sex, bool? mother, string? childBorn, string field, string rule) =>
        ThenRejected(() => EnterCare.Decide(Entry(Girl() with
        {
            Sex = sex,
            Upn = upn,
            Mother = mother,
            MotherChildDateOfBirth = childBorn is null ? null : D(childBorn),
        }), GivenNothing, Now), field, rule);
}
