using System.Text.Json;
using CareTracking.Contracts.Placements;
using CareTracking.Reviews.Children;
using CareTracking.Reviews.Children.NotingCarePeriods;
using CareTracking.Ssda903.Calendar;
using static CareTracking.Reviews.Tests.Children.ChildSpec;

namespace CareTracking.Reviews.Tests.Children;

public class NoteCarePeriodCorrectionTests
{
    private static readonly Guid Retraction = Guid.Parse("6f1f6c55-0000-4000-8000-000000000009");
    private static readonly CarePeriodNoted FromJune = PeriodStarted(D(2025, 6, 2));
    private static readonly CarePeriodEndNoted EndedSeptember = PeriodEnded(D(2025, 6, 2), D(2025, 9, 1));

    [Fact]
    public void a_reopened_period_is_noted_and_the_child_is_looked_after_again_after_the_retracted_end()
    {
        var message = new CarePeriodReopened("831", "C1", D(2025, 6, 2), D(2025, 9, 1), "C2", "U4", "DE", Retraction);
        var events = NoteCarePeriodReopen.Decide(NoteCarePeriodReopen.From(message), Given(FromJune, EndedSeptember), Now);
        Then(events, new CarePeriodReopenNoted(D(2025, 6, 2), D(2025, 9, 1), "C2", Retraction));

        var child = Given([FromJune, EndedSeptember, .. events]);
        Assert.Equal([new CarePeriod(D(2025, 6, 2), null, "C2")], child.Periods);
        Assert.Equal(CareStanding.LookedAfter, child.StandingOn(D(2025, 10, 1)));
    }

    [Fact]
    public void a_reopening_noted_once_gives_no_events_when_redelivered()
    {
        var child = Given(FromJune, EndedSeptember, new CarePeriodReopenNoted(D(2025, 6, 2), D(2025, 9, 1), "C2", Retraction));
        Then(NoteCarePeriodReopen.Decide(new(D(2025, 6, 2), D(2025, 9, 1), "C2", Retraction), child, Now));
    }

    [Fact]
    public void a_reopening_of_a_different_end_leaves_the_known_end_standing()
    {
        var child = Given(FromJune, EndedSeptember, new CarePeriodReopenNoted(D(2025, 6, 2), D(2025, 8, 1), "C2", Retraction));
        Assert.Equal(D(2025, 9, 1), child.Periods.Single().End);
    }

    [Fact]
    public void a_withdrawn_period_is_removed_and_its_reviews_are_no_longer_in_a_period_of_care()
    {
        var later = PeriodStarted(D(2025, 10, 6));
        var message = new CarePeriodWithdrawn("831", "C1", D(2025, 6, 2), Retraction);
        var before = Given(FromJune, EndedSeptember, later, new ReviewHeld(D(2025, 6, 30), "PN1"));
        var events = NoteCarePeriodWithdrawal.Decide(NoteCarePeriodWithdrawal.From(message), before, Now);
        Then(events, new CarePeriodWithdrawalNoted(D(2025, 6, 2), Retraction));

        var child = Given([FromJune, EndedSeptember, later, new ReviewHeld(D(2025, 6, 30), "PN1"), .. events]);
        Assert.Equal([D(2025, 10, 6)], child.Periods.Select(p => p.Start));
        var review = ChildReviewsView.Of(child, WorkingDays.England).Reviews.Single();
        Assert.Equal((ReviewPlacing.OutsidePeriodOfCare, false), (review.Placing, review.OnTime));
        Then(NoteCarePeriodWithdrawal.Decide(NoteCarePeriodWithdrawal.From(message), child, Now));
    }

    [Fact]
    public void a_reopening_that_arrives_before_the_end_it_retracts_leaves_the_period_open_once_the_end_arrives()
    {
        var reopened = NoteCarePeriodReopen.Decide(new(D(2025, 6, 2), D(2025, 9, 1), "C2", Retraction, SourceVersion: 3),
            Given(PeriodStarted(D(2025, 6, 2), version: 1)), Now);
        Then(reopened, new CarePeriodReopenNoted(D(2025, 6, 2), D(2025, 9, 1), "C2", Retraction, 3));

        var child = Given([PeriodStarted(D(2025, 6, 2), version: 1), .. reopened, PeriodEnded(D(2025, 6, 2), D(2025, 9, 1), version: 2)]);
        Assert.Equal([new CarePeriod(D(2025, 6, 2), null, "C2")], child.Periods);
        Assert.Equal(CareStanding.LookedAfter, child.StandingOn(D(2025, 10, 1)));
    }

    [Fact]
    public void a_withdrawal_that_arrives_before_the_start_it_withdraws_leaves_no_period_once_the_start_arrives()
    {
        var withdrawn = NoteCarePeriodWithdrawal.Decide(new(D(2025, 6, 2), Retraction, SourceVersion: 2), Given(), Now);
        Then(withdrawn, new CarePeriodWithdrawalNoted(D(2025, 6, 2), Retraction, 2));

        var child = Given([.. withdrawn, PeriodStarted(D(2025, 6, 2), version: 1)]);
        Assert.Empty(child.Periods);
        Assert.Equal(CareStanding.AwaitingCarePeriod, child.StandingOn(D(2025, 6, 30)));
    }

    [Fact]
    public void a_start_posted_again_on_a_withdrawn_date_stands_whichever_of_the_three_arrives_first()
    {
        var first = PeriodStarted(D(2025, 6, 2), "V3", version: 1);
        var withdrawal = new CarePeriodWithdrawalNoted(D(2025, 6, 2), Retraction, 2);
        var again = PeriodStarted(D(2025, 6, 2), "C2", version: 3);
        Assert.Equal([new CarePeriod(D(2025, 6, 2), null, "C2")], Given(again, withdrawal, first).Periods);
        Assert.Equal([new CarePeriod(D(2025, 6, 2), null, "C2")], Given(withdrawal, again, first).Periods);
        Assert.Equal([new CarePeriod(D(2025, 6, 2), null, "C2")], Given(first, again, withdrawal).Periods);
    }

    [Fact]
    public void messages_without_a_placements_version_are_applied_in_arrival_order_before_any_with_one()
    {
        // From a Placements that did not stamp versions: a reopening that overtook its end cannot be told apart,
        // so the end that arrives later stands.
        var legacy = Given(FromJune, new CarePeriodReopenNoted(D(2025, 6, 2), D(2025, 9, 1), "C2", Retraction), EndedSeptember);
        Assert.Equal(D(2025, 9, 1), legacy.Periods.Single().End);

        // A versioned message goes after every unversioned one, whenever it arrives.
        var child = Given(new CarePeriodReopenNoted(D(2025, 6, 2), D(2025, 9, 1), "C2", Retraction, 5), FromJune, EndedSeptember);
        Assert.Equal([new CarePeriod(D(2025, 6, 2), null, "C2")], child.Periods);
    }

    [Fact]
    public void a_state_stored_before_care_notes_were_kept_keeps_its_periods_when_the_next_message_is_noted()
    {
        var before = Given(FromJune, EndedSeptember, PeriodStarted(D(2025, 10, 6), "V3"));
        var json = JsonSerializer.SerializeToNode(before, JsonSerializerOptions.Web)!.AsObject();
        json.Remove("careNotes");
        var stored = JsonSerializer.Deserialize<Child>(json, JsonSerializerOptions.Web)!.WithCareNotesFromPeriods();

        var after = Child.Evolve(stored, PeriodEnded(D(2025, 10, 6), D(2025, 11, 3), version: 9));
        Assert.Equal(
            [new CarePeriod(D(2025, 6, 2), D(2025, 9, 1), "C2"), new CarePeriod(D(2025, 10, 6), D(2025, 11, 3), "V3")],
            after.Periods);
        Assert.Equal(BornIn2015, after.DateOfBirth);
    }

    [Fact]
    public void a_child_state_survives_the_read_models_json_unchanged()
    {
        var child = Given(FromJune, EndedSeptember, PeriodStarted(D(2025, 10, 6), "V3"), new IroAllocated(D(2025, 6, 4), "IRO-1", "North"),
            new ReviewHeld(D(2025, 6, 30), "PN1"), new ReviewHeld(D(2025, 7, 30), "PN2"), new ReviewCancelled(D(2025, 7, 30), "error"));
        var json = JsonSerializer.Serialize(child, JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize<Child>(json, JsonSerializerOptions.Web)!;
        Assert.Equal(JsonSerializer.Serialize(back, JsonSerializerOptions.Web), json);
        Assert.Equal(child.Periods, back.Periods);
        Assert.Equal(child.Reviews, back.Reviews);
        Assert.Equal(child.CancelledReviewDates, back.CancelledReviewDates);
        Assert.Equal(child.NotedMessages, back.NotedMessages);
        Assert.Equal(child.CareNotes, back.CareNotes);
    }
}
