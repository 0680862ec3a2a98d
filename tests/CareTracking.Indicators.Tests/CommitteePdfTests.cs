using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Comparisons;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.ReportPack;

namespace CareTracking.Indicators.Tests;

/// <summary>The committee PDF, read back with PdfPig: the headline figures, the year before and England, small numbers
/// withheld as c (with the secondary suppression of the report's own list), the narrative or the space for one.</summary>
public class CommitteePdfTests
{
    private static CommitteeResponse Report(int year, IReadOnlyDictionary<string, Measure> measures, decimal? englandCla = null) =>
        new(new DateOnly(year, 3, 31), new DateOnly(year - 1, 4, 1), new DateOnly(year, 3, 31), null, measures,
            measures.Keys.ToDictionary(k => k, _ => "definition"), ["Counting rule in force."],
            englandCla is null ? new Dictionary<string, Benchmark>() : new Dictionary<string, Benchmark> { ["cla"] = new(englandCla, 80m, "DfE") });

    private static CommitteePdfInput Input(string? narrative)
    {
        var now = Report(2025, new Dictionary<string, Measure>
        {
            ["cla"] = Measure.Count(1_240),
            ["ceased"] = Measure.Count(2),
            ["placementMix.fosterOther"] = Measure.Percent(30, 40),
            ["placementMix.placedWithParents"] = Measure.Percent(1, 40),
            ["placementMix.other"] = Measure.Percent(9, 40),
            ["reviewsOnTimePct"] = Measure.Percent(45, 50),
        }, englandCla: 83_630m);
        var before = Report(2024, new Dictionary<string, Measure> { ["cla"] = Measure.Count(1_200), ["ceased"] = Measure.Count(7) });
        var comparison = new ComparisonReport(now.AsAt, 2025, null, "831", null, [], [], []);
        return new CommitteePdfInput("831", now, [before], comparison, narrative);
    }

    [Fact]
    public void the_pdf_prints_the_headlines_with_the_year_before_and_england_and_withholds_small_numbers()
    {
        var text = PdfText.Of(CommitteePdf.Write(Input("The committee is asked to note the rise in children looked after.")));

        Assert.Contains("Children looked after 1,240 1,200 +40 83,630", text);
        Assert.Contains("Ceased to be looked after c 7 c", text);             // 2 ceased: withheld, and so is the change
        Assert.Contains("Reviews held on time 90.0% 45 of 50", text);
        // 1 placed with parents is withheld; the next smallest share (other, 9) goes with it, or 1 = 40 - 30 - 9.
        Assert.Contains("Placed with parents c c of c", text);
        Assert.Contains("Other placements c c of c", text);
        Assert.Contains("Foster: other 75.0% 30 of 40", text);
        Assert.DoesNotContain("2.5%", text);
        Assert.Contains("The committee is asked to note the rise in children looked after.", text);
        Assert.Contains("Counting rule in force.", text);
        Assert.DoesNotContain("Space for the officer's narrative", text);
    }

    [Fact]
    public void without_a_narrative_the_pdf_leaves_a_space_to_write_one()
    {
        var text = PdfText.Of(CommitteePdf.Write(Input(null)));
        Assert.Contains("Space for the officer's narrative.", text);
        Assert.Contains("Page 1 of", text);
    }
}
