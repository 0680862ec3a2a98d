using CareTracking.Ssda903.Codes;

namespace CareTracking.Ssda903.Tests.Codes;

public class CodeListsTests
{
    private static readonly DateOnly Summer2025 = new(2025, 7, 1);

    [Theory]
    [InlineData(CodeList.LegalStatus, "C2")]
    [InlineData(CodeList.CategoryOfNeed, "N1")]
    [InlineData(CodeList.PlacementType, "U6")]
    [InlineData(CodeList.PlacementProvider, "PR1")]
    [InlineData(CodeList.ReasonEpisodeCeased, "E4A")]
    [InlineData(CodeList.ReasonPlaceChange, "CARPL")]
    [InlineData(CodeList.ReasonNewEpisode, "B")]
    [InlineData(CodeList.Sex, "U")]
    [InlineData(CodeList.Ethnicity, "NOBT")]
    public void a_code_of_the_guide_is_valid(CodeList list, string code) =>
        Assert.True(CodeLists.IsValid(list, code, Summer2025));

    [Theory]
    [InlineData(CodeList.LegalStatus, "C3")]
    [InlineData(CodeList.CategoryOfNeed, "N9")]
    [InlineData(CodeList.PlacementType, "U7")]
    [InlineData(CodeList.PlacementProvider, "PR6")]
    [InlineData(CodeList.ReasonEpisodeCeased, "E4")]
    [InlineData(CodeList.ReasonPlaceChange, "MOVED")]
    [InlineData(CodeList.ReasonNewEpisode, "X")]
    [InlineData(CodeList.Sex, "1")]
    [InlineData(CodeList.Ethnicity, "WHIT")]
    public void a_code_not_in_the_list_is_invalid(CodeList list, string code)
    {
        Assert.False(CodeLists.IsKnown(list, code));
        Assert.False(CodeLists.IsValid(list, code, Summer2025));
    }

    [Fact]
    public void codes_are_matched_exactly_so_lower_case_is_invalid() =>
        Assert.False(CodeLists.IsValid(CodeList.PlacementType, "k3", Summer2025));

    [Theory]
    [InlineData("H5", "2025-03-31", true)]
    [InlineData("H5", "2025-04-01", false)]
    [InlineData("P2", "2025-03-31", true)]
    [InlineData("P2", "2025-04-01", false)]
    [InlineData("Z1", "2025-03-31", true)]
    [InlineData("Z1", "2025-04-01", false)]
    [InlineData("Z11", "2025-03-31", false)]
    [InlineData("Z11", "2025-04-01", true)]
    [InlineData("Z14", "2025-04-01", true)]
    [InlineData("K3", "2024-03-31", false)]
    [InlineData("K3", "2024-04-01", true)]
    public void placement_types_are_valid_only_in_their_collection_years(string code, string date, bool valid) =>
        Assert.Equal(valid, CodeLists.IsValid(CodeList.PlacementType, code, DateOnly.Parse(date)));

    [Theory]
    [InlineData("D1", "2005-12-31", true)]
    [InlineData("D1", "2006-01-01", false)]
    [InlineData("E1", "2005-11-30", false)]
    [InlineData("E1", "2005-12-01", true)]
    public void freeing_and_placement_orders_follow_the_adoption_act(string code, string date, bool valid) =>
        Assert.Equal(valid, CodeLists.IsValid(CodeList.LegalStatus, code, DateOnly.Parse(date)));

    [Theory]
    [InlineData("2016-03-31", false)]
    [InlineData("2016-04-01", true)]
    public void reasons_for_placement_change_are_collected_from_2016_17(string date, bool valid) =>
        Assert.Equal(valid, CodeLists.IsValid(CodeList.ReasonPlaceChange, "CARPL", DateOnly.Parse(date)));

    [Fact]
    public void a_retired_code_is_still_known() =>
        Assert.True(CodeLists.IsKnown(CodeList.PlacementType, "H5"));

    [Fact]
    public void the_codes_valid_on_a_date_leave_out_retired_ones()
    {
        var valid = CodeLists.ValidOn(CodeList.PlacementType, new DateOnly(2025, 4, 1));

        Assert.Contains("K3", valid);
        Assert.Contains("Z12", valid);
        Assert.DoesNotContain("H5", valid);
        Assert.DoesNotContain("Z1", valid);
    }

    [Fact]
    public void the_ethnicity_list_has_the_twenty_codes_of_rule_103() =>
        Assert.Equal(20, CodeLists.All(CodeList.Ethnicity).Count);
}
