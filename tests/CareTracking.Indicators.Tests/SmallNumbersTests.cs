using CareTracking.Indicators.Breakdowns;
using CareTracking.Indicators.Exports;
using CareTracking.Indicators.Measures;

namespace CareTracking.Indicators.Tests;

/// <summary>Small-number suppression of what leaves the service as a file: counts of 1 and 2 and what is derived from
/// them become "c", zero stays 0, and a lone suppressed group of a totalled table takes the next smallest with it.</summary>
public class SmallNumbersTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, "c")]
    [InlineData(2, "c")]
    [InlineData(3, 3)]
    [InlineData(40, 40)]
    public void a_count_of_one_or_two_is_withheld_and_a_true_zero_is_shown(int count, object published) =>
        Assert.Equal(published, SmallNumbers.Count(count));

    private static object?[] Published(Measure m)
    {
        var (value, numerator, denominator) = SmallNumbers.Of(m);
        return [value, numerator, denominator];
    }

    [Fact]
    public void a_percentage_rate_or_average_is_withheld_whole_when_its_numerator_or_denominator_is_one_or_two()
    {
        Assert.Equal(["c", "c", "c"], Published(Measure.Percent(2, 40)));     // 2 of 40 children: the 2 are withheld
        Assert.Equal(["c", "c", "c"], Published(Measure.Percent(0, 2)));      // 0 % of 2 children says what each did
        Assert.Equal(["c", "c", "c"], Published(new Measure(160m, 319, 2)));  // an average over two children
        Assert.Equal(["c", "c", null], Published(Measure.Count(1)));
        Assert.Equal([7.5m, 3, 40], Published(Measure.Percent(3, 40)));
        Assert.Equal([0m, 0, null], Published(Measure.Count(0)));
    }

    [Fact]
    public void a_figure_built_on_a_withheld_one_is_withheld_with_it_in_the_json_list_and_the_csv()
    {
        // A1 over one child (319 days): the gap to the threshold, -107, would give 319 back; so would the longest wait
        // of the one child waiting. A10 over three children stays shown, with its gap.
        var measures = new Dictionary<string, Measure>
        {
            ["adoptionA1Days"] = new(319m, 319, 1),
            ["adoptionA1DaysVsThreshold"] = new(-107m, null, null),
            ["adoptionA10Days"] = new(300m, 900, 3),
            ["adoptionA10DaysVsThreshold"] = new(-126m, null, null),
            ["adoptionDecisionNotPlaced"] = Measure.Count(1),
            ["adoptionDecisionNotPlacedLongestDays"] = new(150m, null, null),
            ["cla"] = Measure.Count(40),
        };
        var report = new Committee.CommitteeResponse(new DateOnly(2025, 3, 31), new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31), null,
            measures, measures.Keys.ToDictionary(k => k, k => "definition"), [], new Dictionary<string, Committee.Benchmark>());

        Assert.Equal(["adoptionA1Days", "adoptionA1DaysVsThreshold", "adoptionDecisionNotPlaced", "adoptionDecisionNotPlacedLongestDays"], report.Withheld);
        var csv = Committee.CommitteeApi.CommitteeCsv(report);
        Assert.Contains("\r\nmeasure,adoptionA1DaysVsThreshold,c,,,,,definition\r\n", csv);
        Assert.Contains("\r\nmeasure,adoptionDecisionNotPlacedLongestDays,c,,,,,definition\r\n", csv);
        Assert.Contains("\r\nmeasure,adoptionA10DaysVsThreshold,-126,,,,,definition\r\n", csv);
        Assert.Contains("\r\nmeasure,cla,40,40,,,,definition\r\n", csv);
    }

    [Fact]
    public void in_a_family_of_shares_a_lone_withheld_group_takes_the_smallest_other_with_it()
    {
        // 15 children: 9 fostered by others, 2 with parents, none placed for adoption, 4 in homes. The 2 alone would be
        // 15 − 13, so the 4 (the smallest other non-zero group) go too; the zero stays shown. With 1 in homes both are
        // withheld already and nothing is added; with 3 with parents nothing is withheld.
        var lone = new Dictionary<string, Measure>
        {
            ["cla"] = Measure.Count(15),
            ["placementMix.fosterOther"] = Measure.Percent(9, 15),
            ["placementMix.placedWithParents"] = Measure.Percent(2, 15),
            ["placementMix.placedForAdoption"] = Measure.Percent(0, 15),
            ["placementMix.secureAndChildrensHomes"] = Measure.Percent(4, 15),
        };
        Assert.Equal(["placementMix.placedWithParents", "placementMix.secureAndChildrensHomes"], SmallNumbers.WithheldKeys(lone));
        var two = new Dictionary<string, Measure>(lone) { ["placementMix.secureAndChildrensHomes"] = Measure.Percent(1, 15) };
        Assert.Equal(["placementMix.placedWithParents", "placementMix.secureAndChildrensHomes"], SmallNumbers.WithheldKeys(two));
        var none = new Dictionary<string, Measure>(lone) { ["placementMix.placedWithParents"] = Measure.Percent(3, 15) };
        Assert.Empty(SmallNumbers.WithheldKeys(none));
    }

    [Fact]
    public void a_lone_suppressed_group_takes_the_next_smallest_group_with_it_so_the_total_cannot_reveal_it()
    {
        // 12 children, 10 white and 2 mixed: the 2 alone would be 12 − 10, so white goes too; the zero group stays shown.
        // 9, 2 and 1: two groups withheld already hide each other.
        var one = SmallNumbers.Groups([new("white", 10, 83.3m), new("mixed", 2, 16.7m), new("asian", 0, 0m)]);
        Assert.Equal([("white", "c", "c"), ("mixed", "c", "c"), ("asian", 0, 0m)], one.Select(g => (g.Group.Group, g.Count, g.Pct)));

        var two = SmallNumbers.Groups([new("white", 9, 75m), new("mixed", 2, 16.7m), new("black", 1, 8.3m)]);
        Assert.Equal([("white", 9, 75m), ("mixed", "c", "c"), ("black", "c", "c")], two.Select(g => (g.Group.Group, g.Count, g.Pct)));

        var smallestOther = SmallNumbers.Groups([new("a", 20, null), new("b", 4, null), new("c", 5, null), new("d", 1, null)]);
        Assert.Equal([20, "c", 5, "c"], smallestOther.Select(g => g.Count));
    }

    [Fact]
    public void the_breakdowns_csv_withholds_small_counts_and_their_percentages()
    {
        var profile = new ProfileBreakdown(new DateOnly(2025, 3, 31), null, 12,
            new Dictionary<string, IReadOnlyList<GroupCount>> { ["sex"] = [new("female", 7, 58.3m), new("male", 5, 41.7m)], ["uasc"] = [new("notUasc", 11, 91.7m), new("uasc", 1, 8.3m)] },
            [new("fosterOther", "fullCareOrder", 10), new("placedWithParents", "fullCareOrder", 2)], []);
        var missing = new MissingBreakdown(new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31), null, 3, 1, [], [], [new("3", 1, 100m)], 3, 0, 3, 2,
            [new("DE1", 2, 66.7m), new("notRecorded", 1, 33.3m)], [new("high", 3, 100m)], [new("none", 3, 100m)], 1);
        var csv = BreakdownsApi.Csv(new BreakdownsResponse(profile, missing, new IroCaseloadReport(new DateOnly(2025, 3, 31), 70, 0, [])));

        Assert.Contains("\r\nprofile,sex,female,7,58.3\r\nprofile,sex,male,5,41.7\r\n", csv);
        Assert.Contains("\r\nprofile,uasc,notUasc,c,c\r\nprofile,uasc,uasc,c,c\r\n", csv);
        Assert.Contains("\r\nplacementByLegalStatus,placedWithParents,fullCareOrder,c,\r\n", csv);
        Assert.Contains("\r\nmissing,incidents,,3,\r\nmissing,children,,c,\r\n", csv);
        Assert.Contains("\r\nmissing,underTenHours,,0,\r\n", csv);
        Assert.Contains("\r\nmissing,returnsWithoutCompletedInterview,,c,\r\n", csv);
        Assert.Contains("\r\nmissing,returnsWithInterviewCompletedIn72Hours,,c,\r\n", csv);
        Assert.Contains("\r\nmissing,byFoundArea,DE1,c,c\r\nmissing,byFoundArea,notRecorded,c,c\r\n", csv);
        Assert.Contains("\r\nmissing,byRiskLevel,high,3,100\r\n", csv);
    }
}
