using CareTracking.Import903.Importing;
using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Tests.Rows;

namespace CareTracking.Import903.Tests;

/// <summary>previous_permanence.csv rows carried by the entry to care they belong to (docs/import-903.md, "PrevPerm").</summary>
public class PrevPermMappingTests
{
    private static PrevPermRecord PrevPerm(string option = "P2", string la = "831", string date = "zz/05/2019", int row = 1) =>
        new(new RowRef(ReturnFile.PrevPerm, row), Child, "01/06/2008", option, la, date);

    /// <summary>Two periods of care begun in 2024/25 (the year of the return, --year 2025) and one before it.</summary>
    private static ReturnRecords Return(params PrevPermRecord[] rows) => Rows.Return(episodes:
    [
        Episode(1, "01/02/2024", "S", dec: "01/03/2024", rec: "E4A"),
        Episode(2, "01/05/2024", "S", dec: "01/06/2024", rec: "E4A"),
        Episode(3, "01/09/2024", "S", dec: "01/10/2024", rec: "X1"),
        Episode(4, "01/10/2024", "P", place: "U6"),
    ]) with
    { PrevPerm = rows };

    [Fact]
    public void the_row_travels_in_the_entry_to_care_of_the_latest_period_begun_in_the_year()
    {
        var plan = ImportMapping.Map(Return(PrevPerm()), "831", Today, 2025);

        var entry = plan.StepOf(ReturnFile.Episodes, 3);
        Assert.Equal(new PreviousPermanenceBody("P2", "2019-05", "831"), entry.Body<EnteredCareBody>().PreviousPermanence);
        Assert.Contains(new RowRef(ReturnFile.PrevPerm, 1), entry.Carries!);
        Assert.Null(plan.StepOf(ReturnFile.Episodes, 1).Body<EnteredCareBody>().PreviousPermanence);
        Assert.Null(plan.StepOf(ReturnFile.Episodes, 2).Body<EnteredCareBody>().PreviousPermanence);
        Assert.Empty(plan.Rejections);

        // Posted when that entry is accepted: the accounting adds up.
        var result = Importer.DryRun(plan);
        Assert.Equal((1, 1, 0), result.Counts.Where(c => c.File == ReturnFile.PrevPerm).Select(c => (c.Read, c.Posted, c.Rejected)).Single());
    }

    [Fact]
    public void z1_has_no_date_or_authority_and_a_full_date_is_read()
    {
        Assert.Equal(new PreviousPermanenceBody("Z1", null, null),
            ImportMapping.Map(Return(PrevPerm("Z1", "", "")), "831", Today, 2025).StepOf(ReturnFile.Episodes, 3).Body<EnteredCareBody>().PreviousPermanence);
        Assert.Equal(new PreviousPermanenceBody("P1", "2015-07-03", "831"),
            ImportMapping.Map(Return(PrevPerm("P1", date: "3/7/2015")), "831", Today, 2025).StepOf(ReturnFile.Episodes, 3).Body<EnteredCareBody>().PreviousPermanence);
    }

    [Fact]
    public void a_child_with_no_period_begun_in_the_year_a_second_row_a_blank_option_or_a_bad_date_is_reported()
    {
        // 2023/24: the first episode began in that year, so it carries the row.
        var earlier = ImportMapping.Map(Return(PrevPerm()), "831", Today, 2024);
        Assert.Equal("P2", earlier.StepOf(ReturnFile.Episodes, 1).Body<EnteredCareBody>().PreviousPermanence!.Option);
        // 2025/26: no period begins in it.
        var later = ImportMapping.Map(Return(PrevPerm()), "831", Today, 2026);
        Assert.Equal(("CHILD", ImportRules.NoStartInYear), (later.RejectionOf(ReturnFile.PrevPerm, 1).Field, later.RejectionOf(ReturnFile.PrevPerm, 1).Rule));
        Assert.All(later.Steps(), s => Assert.DoesNotContain(new RowRef(ReturnFile.PrevPerm, 1), s.Carries ?? []));

        var twice = ImportMapping.Map(Return(PrevPerm(), PrevPerm("Z1", "", "", row: 2)), "831", Today, 2025);
        Assert.Equal(ImportRules.DuplicatePrevPerm, twice.RejectionOf(ReturnFile.PrevPerm, 2).Rule);
        Assert.Equal("P2", twice.StepOf(ReturnFile.Episodes, 3).Body<EnteredCareBody>().PreviousPermanence!.Option);

        Assert.Equal(("PREV_PERM", ImportRules.CodeUnknown),
            ImportMapping.Map(Return(PrevPerm("")), "831", Today, 2025).RejectionOf(ReturnFile.PrevPerm, 1) is var blank ? (blank.Field, blank.Rule) : default);
        Assert.Equal(("DATE_PERM", ImportRules.DateFormat),
            ImportMapping.Map(Return(PrevPerm(date: "2019-05")), "831", Today, 2025).RejectionOf(ReturnFile.PrevPerm, 1) is var bad ? (bad.Field, bad.Rule) : default);
    }

    [Fact]
    public void the_row_is_rejected_when_the_entry_that_carries_it_is()
    {
        // No header: the entry to care is rejected, so is the row it would have carried.
        var plan = ImportMapping.Map(Return(PrevPerm()) with { Headers = [] }, "831", Today, 2025);
        var result = Importer.DryRun(plan);
        var rejected = result.Rejections.Single(r => r.Row.File == ReturnFile.PrevPerm);
        Assert.Equal(ImportRules.NothingAccepted, rejected.Rule);
        Assert.Contains("episodes.csv row 3", rejected.Message, StringComparison.Ordinal);
    }
}
