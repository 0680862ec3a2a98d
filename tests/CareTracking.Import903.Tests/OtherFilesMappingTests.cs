using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Tests.Rows;

namespace CareTracking.Import903.Tests;

public class OtherFilesMappingTests
{
    private static UascRecord Uasc(string duc) => new(new RowRef(ReturnFile.Uasc, 1), Child, duc);
    private static MissingRecord Missing(string start, string end, int row = 1) => new(new RowRef(ReturnFile.Missing, row), Child, "M", start, end);
    private static ReviewRecord Review(string date, string code = "PN1", int row = 1) => new(new RowRef(ReturnFile.Reviews, row), Child, date, code);

    [Fact]
    public void a_review_row_posts_the_review_date_and_participation_code()
    {
        var step = Map(Return(reviews: [Review("30/08/2017", "PN6")])).StepOf(ReturnFile.Reviews, 1);

        Assert.Equal("/api/children/C1/reviews", step.Posts.Single().Path);
        Assert.Equal(new DateOnly(2017, 8, 30), step.Body<ReviewBody>().Date);
        Assert.Equal("PN6", step.Body<ReviewBody>().Participation);
    }

    [Fact]
    public void missing_dates_become_the_start_of_the_day_in_England()
    {
        var step = Map(Return(missing: [Missing("13/07/2017", "25/11/2017")])).StepOf(ReturnFile.Missing, 1);

        var report = step.Body<MissingReportBody>();
        Assert.Equal(new DateTimeOffset(2017, 7, 13, 0, 0, 0, TimeSpan.FromHours(1)), report.LastSeenAt); // BST
        Assert.Equal(report.LastSeenAt, report.ReportedAt);
        Assert.Equal(("M", "medium"), (report.Kind, report.RiskLevel));
        Assert.Equal(new DateTimeOffset(2017, 11, 25, 0, 0, 0, TimeSpan.Zero), report.ReturnedAt); // GMT
    }

    [Fact]
    public void a_missing_row_with_MIS_END_is_one_report_recorded_after_the_return_so_the_police_are_not_alerted()
    {
        var step = Map(Return(missing: [Missing("13/07/2017", "25/11/2017")])).StepOf(ReturnFile.Missing, 1);

        var post = Assert.Single(step.Posts);
        Assert.Equal(("/api/missing-episodes", "missing-report"), (post.Path, post.Command));
        Assert.NotNull(step.Body<MissingReportBody>().ReturnedAt);
        Assert.Null(step.Body<MissingReportBody>().FoundArea);
    }

    [Fact]
    public void a_missing_row_without_MIS_END_is_a_plain_report_the_child_may_still_be_missing()
    {
        var step = Map(Return(missing: [Missing("13/11/2017", "")])).StepOf(ReturnFile.Missing, 1);

        Assert.Equal(["missing-report"], step.Posts.Select(p => p.Command));
        Assert.Null(step.Body<MissingReportBody>().ReturnedAt);
    }

    [Theory]
    [InlineData("2017-11-13", "", "MIS_START")]
    [InlineData("13/11/2017", "soon", "MIS_END")]
    public void missing_dates_that_are_not_903_dates_are_rejected(string start, string end, string field)
    {
        var rejection = Map(Return(missing: [Missing(start, end)])).RejectionOf(ReturnFile.Missing, 1);
        Assert.Equal((field, ImportRules.DateFormat), (rejection.Field, rejection.Rule));
    }

    [Fact]
    public void a_UASC_child_enters_care_as_UASC_until_DUC()
    {
        var plan = Map(Return(uasc: [Uasc("01/01/2030")], episodes: [Episode(1, "01/04/2016", "S")]));

        var entry = plan.StepOf(ReturnFile.Episodes, 1);
        Assert.True(entry.Body<EnteredCareBody>().Child.Uasc);
        Assert.Contains(new RowRef(ReturnFile.Uasc, 1), entry.Carries!);
        Assert.Contains(plan.Carried, c => c.Row == new RowRef(ReturnFile.Uasc, 1));
    }

    [Fact]
    public void a_UASC_status_that_ceased_before_today_is_posted_as_a_change_on_DUC()
    {
        var plan = Map(Return(uasc: [Uasc("01/01/2018")], episodes: [Episode(1, "01/04/2016", "S"), Episode(2, "01/04/2019", "S")]));

        Assert.True(plan.StepOf(ReturnFile.Episodes, 1).Body<EnteredCareBody>().Child.Uasc);
        Assert.False(plan.StepOf(ReturnFile.Episodes, 2).Body<EnteredCareBody>().Child.Uasc);
        var change = plan.StepOf(ReturnFile.Uasc, 1).Body<UascStatusBody>();
        Assert.Equal((new DateOnly(2018, 1, 1), false), (change.Date, change.Uasc));
    }

    [Fact]
    public void event_ids_follow_the_authority_file_and_row_content_not_the_row_number()
    {
        var first = Map(Return(reviews: [Review("30/08/2017", row: 1)])).StepOf(ReturnFile.Reviews, 1).Body<ReviewBody>().EventId;
        var moved = Map(Return(reviews: [Review("30/08/2017", row: 7)])).StepOf(ReturnFile.Reviews, 7).Body<ReviewBody>().EventId;
        var changed = Map(Return(reviews: [Review("30/08/2017", "PN2")])).StepOf(ReturnFile.Reviews, 1).Body<ReviewBody>().EventId;
        var elsewhere = ImportMapping.Map(Return(reviews: [Review("30/08/2017")]), "832", Today).StepOf(ReturnFile.Reviews, 1).Body<ReviewBody>().EventId;

        Assert.Equal(first, moved);
        Assert.NotEqual(first, changed);
        Assert.NotEqual(first, elsewhere);
    }

    [Fact]
    public void an_exact_repeat_of_a_row_is_reported_not_taken_as_a_retry()
    {
        var plan = Map(Return(reviews: [Review("30/08/2017", row: 1), Review("30/08/2017", row: 2)]));

        Assert.Equal(ImportRules.DuplicateRow, plan.RejectionOf(ReturnFile.Reviews, 2).Rule);
        Assert.Single(plan.Steps());
    }

    [Fact]
    public void a_row_with_no_child_is_rejected()
    {
        var plan = Map(Return(reviews: [new ReviewRecord(new RowRef(ReturnFile.Reviews, 1), "", "30/08/2017", "PN1")]));
        Assert.Equal(("CHILD", ImportRules.ChildRequired), (plan.RejectionOf(ReturnFile.Reviews, 1).Field, plan.RejectionOf(ReturnFile.Reviews, 1).Rule));
    }

    [Fact]
    public void a_second_header_for_a_child_is_rejected()
    {
        var plan = Map(Return(headers: [Header(row: 1), Header(sex: "2", row: 2)], episodes: [Episode(1, "01/04/2016", "S")]));

        Assert.Equal(ImportRules.DuplicateHeader, plan.RejectionOf(ReturnFile.Header, 2).Rule);
        Assert.Equal("M", plan.StepOf(ReturnFile.Episodes, 1).Body<EnteredCareBody>().Child.Sex);
    }
}
