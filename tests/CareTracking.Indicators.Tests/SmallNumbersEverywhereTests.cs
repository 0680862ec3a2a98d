using CareTracking.Indicators.Breakdowns;
using CareTracking.Indicators.Comparisons;
using CareTracking.Indicators.Measures;

namespace CareTracking.Indicators.Tests;

/// <summary>Small-number suppression beyond the committee report: the comparisons, the breakdowns and the monthly points
/// name what they withhold in their JSON and print it as c in their CSV, with secondary suppression, so a withheld
/// count cannot be worked out from a total shown beside it.</summary>
public class SmallNumbersEverywhereTests
{
    [Fact]
    public void the_comparisons_withhold_a_share_the_committee_report_withholds_for_its_family_not_only_the_small_one()
    {
        // 1 placed with parents out of 40: withheld; 30 + 9 + 1 = 40, so "other" (9) is withheld with it.
        var measures = new Dictionary<string, Measure>
        {
            ["placementMix.fosterOther"] = Measure.Percent(30, 40),
            ["placementMix.placedWithParents"] = Measure.Percent(1, 40),
            ["placementMix.other"] = Measure.Percent(9, 40),
        };
        var targets = measures.Keys.Select(k => new Target(k, 2025, 50m, true)).ToList();
        var report = ComparisonReport.Build("831", 2025, new DateOnly(2025, 3, 31), null, measures, [], [], targets);

        Assert.Equal(["placementMix.placedWithParents", "placementMix.other"], report.Withheld);
        var csv = ComparisonsApi.Csv(report);
        Assert.Contains("\r\nplacementMix.other,c,c,c,", csv);
        Assert.EndsWith(",50,higher,c\r\n", csv);
        Assert.Matches(@"\r\nplacementMix\.fosterOther,75(\.0)?,30,40,", csv);
    }

    private static BreakdownsResponse Breakdowns(IReadOnlyList<PlacementByLegalStatus> cross, IReadOnlyList<IroCaseload> iros, int withoutIro) =>
        new(new ProfileBreakdown(new DateOnly(2025, 3, 31), null, 40, new Dictionary<string, IReadOnlyList<GroupCount>>(), cross, []),
            new MissingBreakdown(new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31), null, 0, 0, [], [], [], 0, 0, 0, 0, [], [], [], 0),
            new IroCaseloadReport(new DateOnly(2025, 3, 31), 70, withoutIro, iros));

    [Fact]
    public void a_lone_small_cell_of_the_placement_by_legal_status_table_takes_cells_along_its_row_and_its_column()
    {
        // Foster/s20 = 1. Its row total (the placement mix numerator) gives it back from foster/care order, so that goes;
        // then each column is left with one withheld cell, so the residential cells go too.
        var response = Breakdowns([
            new("fosterOther", "fullCareOrder", 5), new("fosterOther", "section20", 1),
            new("secureChildrensHomes", "fullCareOrder", 4), new("secureChildrensHomes", "section20", 6),
            new("placedWithParents", "fullCareOrder", 0), new("placedWithParents", "section20", 24),
        ], [], 0);

        var csv = BreakdownsApi.Csv(response);
        Assert.Contains("\r\nplacementByLegalStatus,fosterOther,fullCareOrder,c,\r\nplacementByLegalStatus,fosterOther,section20,c,\r\n", csv);
        Assert.Contains("\r\nplacementByLegalStatus,secureChildrensHomes,fullCareOrder,c,\r\nplacementByLegalStatus,secureChildrensHomes,section20,c,\r\n", csv);
        Assert.Contains("\r\nplacementByLegalStatus,placedWithParents,section20,24,\r\n", csv);
        Assert.Contains("placementByLegalStatus.fosterOther.section20", response.Withheld);
        Assert.Contains("placementByLegalStatus.secureChildrensHomes.section20", response.Withheld);
        Assert.DoesNotContain("placementByLegalStatus.placedWithParents.section20", response.Withheld);
    }

    [Fact]
    public void an_iro_with_one_or_two_children_takes_the_next_smallest_caseload_with_it_since_they_add_up_to_the_children_looked_after()
    {
        var response = Breakdowns([], [new("iro-1", "north", 1, false), new("iro-2", "north", 15, false), new("iro-3", "south", 24, false)], 0);

        var csv = BreakdownsApi.Csv(response);
        Assert.Contains("\r\niroCaseloads,north,iro-1,c,\r\niroCaseloads,north,iro-2,c,\r\niroCaseloads,south,iro-3,24,\r\n", csv);
        Assert.Equal(["iroCaseloads.north.iro-1", "iroCaseloads.north.iro-2"], response.Withheld.Where(k => k.StartsWith("iroCaseloads", StringComparison.Ordinal)));
    }

    [Fact]
    public void the_json_names_the_withheld_groups_as_the_csv_prints_them()
    {
        var response = Breakdowns([], [], 0) with
        {
            Profile = new ProfileBreakdown(new DateOnly(2025, 3, 31), null, 12,
                new Dictionary<string, IReadOnlyList<GroupCount>> { ["sex"] = [new("female", 2, 16.7m), new("male", 10, 83.3m)] }, [], []),
        };
        Assert.Contains("profile.sex.female", response.Withheld);
        Assert.Contains("profile.sex.male", response.Withheld);
        Assert.Contains("\r\nprofile,sex,male,c,c\r\n", BreakdownsApi.Csv(response));
    }
}
