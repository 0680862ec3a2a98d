using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Tests.Rows;

namespace CareTracking.Import903.Tests;

public class EpisodeMappingTests
{
    private const string E = ReturnFile.Episodes;

    [Fact]
    public void an_S_episode_enters_care_with_the_header_facts()
    {
        var plan = Map(Return(headers: [Header(sex: "2", dob: "14/02/2010")], episodes: [Episode(1, "01/04/2016", "S", ls: "V2", place: "U6")]));

        var step = plan.StepOf(E, 1);
        Assert.Equal("/api/children/C1/entered-care", step.Posts.Single().Path);
        var body = step.Body<EnteredCareBody>();
        Assert.Equal(new DateOnly(2016, 4, 1), body.Date);
        Assert.Equal("V2", body.LegalStatus);
        Assert.Equal("N1", body.CategoryOfNeed);
        Assert.Equal(new PlacementBody("U6", "PR1", "DE2 2BB", null), body.Placement);
        Assert.Equal("DE1 1AA", body.HomePostcode);
        Assert.Equal(new ChildBody("F", new DateOnly(2010, 2, 14), "WBRI", false), body.Child);
        Assert.Null(body.Ceased);
        Assert.Equal([new RowRef(ReturnFile.Header, 1)], step.Carries);
    }

    [Theory]
    [InlineData("1", "M")]
    [InlineData("2", "F")]
    [InlineData("M", "M")]
    [InlineData("U", "U")]
    public void sex_codes_of_either_era_map_to_M_F_U(string sex, string expected)
    {
        var plan = Map(Return(headers: [Header(sex: sex)], episodes: [Episode(1, "01/04/2016", "S")]));
        Assert.Equal(expected, plan.StepOf(E, 1).Body<EnteredCareBody>().Child.Sex);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("")]
    public void an_unknown_sex_code_rejects_the_header_and_the_entries_that_need_it(string sex)
    {
        var plan = Map(Return(headers: [Header(sex: sex)], episodes: [Episode(1, "01/04/2016", "S")]));

        var header = plan.RejectionOf(ReturnFile.Header, 1);
        Assert.Equal(("SEX", ImportRules.CodeUnknown), (header.Field, header.Rule));
        var entry = plan.RejectionOf(E, 1);
        Assert.Equal(ImportRules.DependsOnRejected, entry.Rule);
        Assert.Contains("header.csv row 1", entry.Message);
    }

    [Fact]
    public void an_L_episode_after_X1_changes_the_legal_status()
    {
        var plan = MapEpisodes(Episode(1, "01/04/2016", "S", ls: "C1", dec: "10/05/2016", rec: "X1"), Episode(2, "10/05/2016", "L", ls: "C2"));

        var step = plan.StepOf(E, 2);
        Assert.Equal("/api/children/C1/legal-status-changes", step.Posts.Single().Path);
        Assert.Equal(new DateOnly(2016, 5, 10), step.Body<LegalStatusChangeBody>().Date);
        Assert.Equal("C2", step.Body<LegalStatusChangeBody>().LegalStatus);
        Assert.Equal(new RowRef(E, 1), step.DependsOn);
    }

    [Theory]
    [InlineData("P", false, null)]
    [InlineData("T", true, null)]
    [InlineData("B", false, "C2")]
    [InlineData("U", true, "C2")]
    public void a_move_episode_maps_by_its_RNE(string rne, bool sameCarer, string? legalStatus)
    {
        var plan = MapEpisodes(
            Episode(1, "01/04/2016", "S", ls: "C1", place: "U4", dec: "10/05/2016", rec: "X1", reason: "CARPL"),
            Episode(2, "10/05/2016", rne, ls: legalStatus ?? "C1", place: "U6"));

        var move = plan.StepOf(E, 2).Body<PlacementMoveBody>();
        Assert.Equal(new DateOnly(2016, 5, 10), move.Date);
        Assert.Equal("U6", move.Placement.Type);
        Assert.Equal(sameCarer, move.SameCarer);
        Assert.Equal(legalStatus, move.LegalStatus);
        Assert.Equal("CARPL", move.Reason); // recorded against the episode the move ends
    }

    [Fact]
    public void an_episode_ending_with_a_reason_other_than_X1_ceases_care_on_DEC()
    {
        var plan = MapEpisodes(
            Episode(1, "01/04/2016", "S", dec: "10/05/2016", rec: "X1"),
            Episode(2, "10/05/2016", "P", dec: "01/09/2017", rec: "E4A"));

        var step = plan.StepOf(E, 2);
        Assert.Equal(["placement-move", "ceased-care"], step.Posts.Select(p => p.Command));
        Assert.Equal(new CeasedCareBody(new DateOnly(2017, 9, 1), "E4A", step.Body<CeasedCareBody>(1).EventId), step.Body<CeasedCareBody>(1));
    }

    [Fact]
    public void a_period_of_one_episode_is_posted_whole_as_one_entry_with_its_end()
    {
        var step = MapEpisodes(Episode(1, "01/04/2016", "S", dec: "01/09/2017", rec: "E13")).StepOf(E, 1);

        Assert.Equal(["entered-care"], step.Posts.Select(p => p.Command));
        Assert.Equal(new PeriodEndBody(new DateOnly(2017, 9, 1), "E13"), step.Body<EnteredCareBody>().Ceased);
    }

    [Fact]
    public void a_chain_of_X1_episodes_is_one_period_each_depending_on_its_start()
    {
        var plan = MapEpisodes(
            Episode(3, "20/06/2016", "L", ls: "C2", dec: "01/01/2017", rec: "E11"),
            Episode(1, "01/04/2016", "S", ls: "C1", dec: "10/05/2016", rec: "X1"),
            Episode(2, "10/05/2016", "P", ls: "C1", dec: "20/06/2016", rec: "X1"));

        Assert.Empty(plan.Rejections);
        Assert.Equal([1, 2, 3], plan.Children.Single().Placements.Select(s => s.Row.Number));
        Assert.All(plan.Steps().Skip(1), s => Assert.Equal(new RowRef(E, 1), s.DependsOn));
    }

    [Fact]
    public void a_continuation_without_the_episode_that_starts_its_period_is_rejected_and_so_is_its_chain()
    {
        var plan = MapEpisodes(
            Episode(1, "15/02/2016", "L", dec: "14/08/2017", rec: "X1"),
            Episode(2, "14/08/2017", "T"));

        var orphan = plan.RejectionOf(E, 1);
        Assert.Equal(("RNE", ImportRules.ContinuationWithoutStart), (orphan.Field, orphan.Rule));
        Assert.Contains("continuation episode (RNE L) without the episode that starts its period", orphan.Message);
        var follower = plan.RejectionOf(E, 2);
        Assert.Equal(ImportRules.DependsOnRejected, follower.Rule);
        Assert.Contains("episodes.csv row 1", follower.Message);
        Assert.Empty(plan.Steps());
    }

    [Fact]
    public void a_continuation_that_does_not_start_on_the_previous_DEC_is_rejected()
    {
        var plan = MapEpisodes(
            Episode(1, "01/04/2016", "S", dec: "10/05/2016", rec: "X1"),
            Episode(2, "11/05/2016", "P"));

        Assert.Equal(ImportRules.ContinuationWithoutStart, plan.RejectionOf(E, 2).Rule);
    }

    [Fact]
    public void a_continuation_after_a_period_that_ceased_is_rejected()
    {
        var plan = MapEpisodes(
            Episode(1, "01/04/2016", "S", dec: "10/05/2016", rec: "E8"),
            Episode(2, "10/05/2016", "P"));

        Assert.Equal(ImportRules.ContinuationWithoutStart, plan.RejectionOf(E, 2).Rule);
    }

    [Fact]
    public void REC_X1_with_no_DEC_is_rejected_and_nothing_can_follow_it()
    {
        var plan = MapEpisodes(Episode(1, "01/04/2016", "S", rec: "X1"));

        var rejection = plan.RejectionOf(E, 1);
        Assert.Equal(("DEC", ImportRules.X1WithoutDec), (rejection.Field, rejection.Rule));
        Assert.Equal("REC X1 with no DEC: the episode ends and the next begins on DEC, which is missing.", rejection.Message);
    }

    [Theory]
    [InlineData("", "E4A", "DEC", ImportRules.RecWithoutDec)]
    [InlineData("10/05/2016", "", "REC", ImportRules.DecWithoutRec)]
    [InlineData("2016-05-10", "E4A", "DEC", ImportRules.DateFormat)]
    [InlineData("31/02/2016", "E4A", "DEC", ImportRules.DateFormat)]
    public void DEC_and_REC_go_together_and_DEC_is_a_903_date(string dec, string rec, string field, string rule)
    {
        var rejection = MapEpisodes(Episode(1, "01/04/2016", "S", dec: dec, rec: rec)).RejectionOf(E, 1);
        Assert.Equal((field, rule), (rejection.Field, rejection.Rule));
    }

    [Theory]
    [InlineData("1/4/2016", 2016, 4, 1)]
    [InlineData("29/02/2016", 2016, 2, 29)]
    public void DECOM_is_read_as_day_month_year(string decom, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), MapEpisodes(Episode(1, decom, "S")).StepOf(E, 1).Body<EnteredCareBody>().Date);

    [Theory]
    [InlineData("29/02/2017")]
    [InlineData("04/31/2016")]
    [InlineData("")]
    public void a_DECOM_that_is_not_a_date_is_rejected(string decom)
    {
        var rejection = MapEpisodes(Episode(1, decom, "S")).RejectionOf(E, 1);
        Assert.Equal(("DECOM", ImportRules.DateFormat), (rejection.Field, rejection.Rule));
    }

    [Fact]
    public void an_unknown_RNE_is_rejected()
    {
        var rejection = MapEpisodes(Episode(1, "01/04/2016", "X")).RejectionOf(E, 1);
        Assert.Equal(("RNE", ImportRules.CodeUnknown), (rejection.Field, rejection.Rule));
    }

    [Fact]
    public void an_entry_for_a_child_without_a_header_is_rejected()
    {
        var plan = Map(Return(headers: [], episodes: [Episode(1, "01/04/2016", "S")]));
        Assert.Equal(("CHILD", ImportRules.NoHeader), (plan.RejectionOf(E, 1).Field, plan.RejectionOf(E, 1).Rule));
    }

    [Fact]
    public void a_later_S_starts_a_new_period_after_a_rejected_one()
    {
        var plan = MapEpisodes(
            Episode(1, "01/04/2016", "S", rec: "X1"),
            Episode(2, "01/01/2017", "S", dec: "01/03/2017", rec: "X1"),
            Episode(3, "01/03/2017", "P"));

        Assert.Equal(ImportRules.X1WithoutDec, plan.RejectionOf(E, 1).Rule);
        Assert.Equal([2, 3], plan.Steps().Select(s => s.Row.Number));
        Assert.Equal(new RowRef(E, 2), plan.StepOf(E, 3).DependsOn);
    }
}
