using CareTracking.Import903.Mapping;
using CareTracking.Import903.ReturnFiles;
using static CareTracking.Import903.Tests.Rows;

namespace CareTracking.Import903.Tests;

public class PermanenceMappingTests
{
    private static PlacedAdoptionRecord Placed(int row, string placed, string ceased = "", string reason = "") =>
        new(new RowRef(ReturnFile.PlacedAdoption, row), Child, placed, ceased, reason);

    private static Ad1Record Ad1(int row, string fosterCare = "1", string adopters = "2") =>
        new(new RowRef(ReturnFile.Ad1, row), Child, "01/06/2023", "01/03/2024", fosterCare, adopters, "MF", "L11");

    private static SocialWorkerRecord Worker(int row, string id, string from, string to = "", string reason = "FCONTA") =>
        new(new RowRef(ReturnFile.SocialWorkers, row), Child, id, from, to, reason);

    private static ImportPlan MapPermanence(params IReturnRecord[] rows) =>
        Map(Return(episodes: [Episode(1, "01/01/2023", "S")]) with
        {
            Permanence = new PermanenceRecords([.. rows.OfType<PlacedAdoptionRecord>()], [.. rows.OfType<Ad1Record>()], [.. rows.OfType<SocialWorkerRecord>()]),
        });

    [Fact]
    public void a_placed_for_adoption_row_is_a_decision_and_its_reversal_after_the_care_history()
    {
        var plan = MapPermanence(Placed(1, "01/06/2023", "01/09/2023", "RD2"));

        var step = plan.StepOf(ReturnFile.PlacedAdoption, 1);
        Assert.Equal(["adoption-decisions", "adoption-decision-reversals"], step.Posts.Select(p => p.Command));
        Assert.Equal(new DateOnly(2023, 6, 1), step.Body<AdoptionDecisionBody>().Date);
        var reversal = step.Body<AdoptionDecisionReversalBody>(1);
        Assert.Equal((new DateOnly(2023, 9, 1), "RD2"), (reversal.Date, reversal.Reason));
        // The episode is posted first: Placements judges the decision against the care history.
        Assert.Equal([ReturnFile.Episodes, ReturnFile.PlacedAdoption], plan.Children.Single().Placements.Select(s => s.Row.File));
    }

    [Fact]
    public void an_open_decision_is_one_post()
    {
        var step = MapPermanence(Placed(1, "01/06/2023")).StepOf(ReturnFile.PlacedAdoption, 1);
        Assert.Equal(["adoption-decisions"], step.Posts.Select(p => p.Command));
    }

    [Theory]
    [InlineData("2023-06-01", "", "", "DATE_PLACED", ImportRules.DateFormat)]
    [InlineData("01/06/2023", "1 Sept", "RD1", "DATE_PLACED_CEASED", ImportRules.DateFormat)]
    [InlineData("01/06/2023", "", "RD1", "REASON_PLACED_CEASED", ImportRules.ReasonWithoutDate)]
    public void a_bad_placed_for_adoption_row_is_rejected_naming_its_column(string placed, string ceased, string reason, string field, string rule)
    {
        var rejection = MapPermanence(Placed(1, placed, ceased, reason)).RejectionOf(ReturnFile.PlacedAdoption, 1);
        Assert.Equal((field, rule), (rejection.Field, rejection.Rule));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void an_ad1_row_is_the_decision_and_the_match_with_the_foster_carer_flag(string fosterCare, bool formerFosterCarers)
    {
        var step = MapPermanence(Ad1(1, fosterCare)).StepOf(ReturnFile.Ad1, 1);
        Assert.Equal(["adoption-decisions", "adoption-matches"], step.Posts.Select(p => p.Command));
        Assert.Equal(new DateOnly(2023, 6, 1), step.Body<AdoptionDecisionBody>().Date);
        Assert.Equal(new AdoptionMatchBody(new DateOnly(2024, 3, 1), 2, "MF", "L11", formerFosterCarers, step.Body<AdoptionMatchBody>(1).EventId),
            step.Body<AdoptionMatchBody>(1));
    }

    [Theory]
    [InlineData("Y", "2", "FOSTER_CARE")]
    [InlineData("1", "two", "NB_ADOPTR")]
    public void an_ad1_row_with_a_bad_flag_or_number_is_rejected(string fosterCare, string adopters, string field)
    {
        var rejection = MapPermanence(Ad1(1, fosterCare, adopters)).RejectionOf(ReturnFile.Ad1, 1);
        Assert.Equal((field, ImportRules.CodeUnknown), (rejection.Field, rejection.Rule));
    }

    [Fact]
    public void social_worker_episodes_are_allocations_in_date_order_and_only_an_end_without_successor_is_posted()
    {
        // Rows out of order: SW2 follows SW1 on 01/03/2024 (its allocation ends SW1); SW2 ends 01/09/2024 with no successor.
        var plan = MapPermanence(Worker(1, "SW2", "01/03/2024", "01/09/2024", "LEFTRL"), Worker(2, "SW1", "01/01/2024", "01/03/2024"));

        Assert.Equal([2, 1], plan.Children.Single().Placements.Where(s => s.Row.File == ReturnFile.SocialWorkers).Select(s => s.Row.Number));
        Assert.Equal(["social-workers"], plan.StepOf(ReturnFile.SocialWorkers, 2).Posts.Select(p => p.Command));
        var second = plan.StepOf(ReturnFile.SocialWorkers, 1);
        Assert.Equal(["social-workers", "social-workers/end"], second.Posts.Select(p => p.Command));
        var allocation = second.Body<SocialWorkerBody>();
        Assert.Equal((new DateOnly(2024, 3, 1), "SW2", "LEFTRL"), (allocation.From, allocation.SocialWorkerId, allocation.Reason));
        Assert.Equal((new DateOnly(2024, 9, 1), PermanenceMapping.EndWithoutSuccessorReason),
            (second.Body<SocialWorkerEndBody>(1).Date, second.Body<SocialWorkerEndBody>(1).Reason));
    }

    [Fact]
    public void every_new_row_is_accounted_for_and_ids_repeat_across_loads()
    {
        var rows = new IReturnRecord[] { Placed(1, "01/06/2023"), Placed(2, "bad"), Ad1(1), Worker(1, "SW1", "01/01/2024") };
        var first = MapPermanence(rows);
        var again = MapPermanence(rows);

        Assert.Equal(1, first.RowsRead[ReturnFile.Ad1]);
        Assert.Equal(2, first.RowsRead[ReturnFile.PlacedAdoption]);
        Assert.Equal(first.StepOf(ReturnFile.Ad1, 1).Body<AdoptionMatchBody>(1).EventId, again.StepOf(ReturnFile.Ad1, 1).Body<AdoptionMatchBody>(1).EventId);
        Assert.Single(first.Rejections, r => r.Row == new RowRef(ReturnFile.PlacedAdoption, 2));
    }
}
