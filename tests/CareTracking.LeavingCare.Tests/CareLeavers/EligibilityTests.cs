using CareTracking.Ssda903.CareLeavers;
using static CareTracking.LeavingCare.Tests.CareLeavers.CareLeaverSpec;

namespace CareTracking.LeavingCare.Tests.CareLeavers;

/// <summary>Hand-counted days: 1 March to 30 May 2024 inclusive is 31 + 30 + 30 = 91.</summary>
public class EligibilityTests
{
    [Fact]
    public void looked_after_at_16_with_13_weeks_since_the_14th_birthday_is_eligible_from_the_91st_day()
    {
        var child = InCareFromMarch2024();
        Assert.Null(child.StatusOn(D(2024, 5, 10))); // 16 today, 71 days
        Assert.Null(child.StatusOn(D(2024, 5, 29))); // 90 days
        Assert.Equal(CareLeaverStatus.Eligible, child.StatusOn(D(2024, 5, 30)));
        Assert.Equal(91, CareLeaverEligibility.DaysLookedAfterSince14(child.History, Born, D(2024, 5, 30)));
    }

    [Fact]
    public void an_eligible_child_who_leaves_care_at_16_or_17_is_relevant_then_former_relevant_from_18_to_the_day_before_21()
    {
        var child = InCareFromMarch2024(D(2024, 9, 1));
        Assert.Equal(CareLeaverStatus.Eligible, child.StatusOn(D(2024, 8, 31)));
        Assert.Equal(CareLeaverStatus.Relevant, child.StatusOn(D(2024, 9, 1)));
        Assert.Equal(CareLeaverStatus.Relevant, child.StatusOn(D(2026, 5, 9)));
        Assert.Equal(CareLeaverStatus.FormerRelevant, child.StatusOn(D(2026, 5, 10)));
        Assert.Equal(CareLeaverStatus.FormerRelevant, child.StatusOn(D(2029, 5, 9)));
        Assert.Null(child.StatusOn(D(2029, 5, 10)));
    }

    [Fact]
    public void looked_after_until_18_is_former_relevant_from_the_18th_birthday()
    {
        var child = InCareFromMarch2024(D(2026, 5, 10), "E17");
        Assert.Equal(CareLeaverStatus.Eligible, child.StatusOn(D(2026, 5, 9)));
        Assert.Equal(CareLeaverStatus.FormerRelevant, child.StatusOn(D(2026, 5, 10)));
    }

    [Fact]
    public void periods_of_care_since_the_14th_birthday_add_up()
    {
        // 1 June–1 July 2022 is 30 days, 1 January–1 March 2023 is 59, then from 1 June 2024: 91 on 2 June.
        var child = Given(Started(D(2022, 6, 1)), Ended(D(2022, 6, 1), D(2022, 7, 1), "E4A"),
            Started(D(2023, 1, 1)), Ended(D(2023, 1, 1), D(2023, 3, 1), "E4A"), Started(D(2024, 6, 1)));
        Assert.Null(child.StatusOn(D(2024, 6, 1)));
        Assert.Equal(CareLeaverStatus.Eligible, child.StatusOn(D(2024, 6, 2)));
    }

    [Fact]
    public void days_before_the_14th_birthday_do_not_count()
    {
        // In care from 1 January 2022; the 14th birthday is 10 May 2022, so on 1 June 2022 only 23 days count.
        Assert.Equal(23, CareLeaverEligibility.DaysLookedAfterSince14(Given(Started(D(2022, 1, 1))).History, Born, D(2022, 6, 1)));
    }

    [Fact]
    public void care_ending_the_day_before_the_16th_birthday_makes_no_care_leaver_but_one_day_at_16_does()
    {
        // Ending on 10 May 2024 (the 16th birthday): the last day in care was at 15.
        Assert.Null(Given(Started(D(2023, 1, 1)), Ended(D(2023, 1, 1), D(2024, 5, 10))).StatusOn(D(2024, 6, 1)));
        // Ending on 11 May: 10 May was a day in care at 16.
        Assert.Equal(CareLeaverStatus.Relevant, Given(Started(D(2023, 1, 1)), Ended(D(2023, 1, 1), D(2024, 5, 11))).StatusOn(D(2024, 6, 1)));
    }

    [Fact]
    public void looked_after_at_16_for_less_than_13_weeks_is_qualifying_after_leaving()
    {
        var child = Given(Started(D(2024, 5, 1)), Ended(D(2024, 5, 1), D(2024, 6, 1), "E13"));
        Assert.Null(child.StatusOn(D(2024, 5, 20)));
        Assert.Equal(CareLeaverStatus.Qualifying, child.StatusOn(D(2024, 7, 1)));
        Assert.Equal(CareLeaverStatus.Qualifying, child.StatusOn(D(2027, 1, 1)));
    }

    [Fact]
    public void short_breaks_never_count_towards_the_13_weeks()
    {
        var child = Given(Started(D(2024, 1, 1), "V3"), Ended(D(2024, 1, 1), D(2024, 5, 1), "E13"), Started(D(2024, 5, 15)));
        Assert.Null(child.StatusOn(D(2024, 6, 1)));
        Assert.Equal(18, CareLeaverEligibility.DaysLookedAfterSince14(child.History, Born, D(2024, 6, 1)));
    }

    [Theory]
    [InlineData("E11")]
    [InlineData("E12")]
    [InlineData("E2")]
    [InlineData("E3")]
    public void adoption_death_or_transfer_ends_any_status_with_this_authority(string reason) =>
        Assert.Null(InCareFromMarch2024(D(2024, 11, 1), reason).StatusOn(D(2024, 12, 1)));

    [Fact]
    public void without_a_care_history_there_is_no_status() =>
        Assert.Null(Given().StatusOn(D(2025, 1, 1)));
}
