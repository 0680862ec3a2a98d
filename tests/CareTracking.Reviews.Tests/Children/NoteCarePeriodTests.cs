using CareTracking.Contracts.Placements;
using CareTracking.Reviews.Children;
using CareTracking.Reviews.Children.NotingCarePeriods;
using static CareTracking.Reviews.Tests.Children.ChildSpec;

namespace CareTracking.Reviews.Tests.Children;

public class NoteCarePeriodTests
{
    private static readonly Guid StartMessage = Guid.Parse("6f1f6c55-0000-4000-8000-000000000001");
    private static readonly Guid EndMessage = Guid.Parse("6f1f6c55-0000-4000-8000-000000000002");

    [Fact]
    public void a_care_period_started_message_is_noted_in_the_child_stream()
    {
        var message = new CarePeriodStarted("831", "C123", D(2025, 6, 2), "C2", "U4", "DE", "F", BornIn2015, StartMessage);
        Then(NoteCarePeriodStart.Decide(NoteCarePeriodStart.From(message), Given(), Now),
            new CarePeriodNoted(D(2025, 6, 2), "C2", BornIn2015, StartMessage));
    }

    [Fact]
    public void a_care_period_started_message_carries_its_placements_version_into_the_stream()
    {
        var message = new CarePeriodStarted("831", "C123", D(2025, 6, 2), "C2", "U4", "DE", "F", BornIn2015, StartMessage, SourceVersion: 7);
        Then(NoteCarePeriodStart.Decide(NoteCarePeriodStart.From(message), Given(), Now),
            new CarePeriodNoted(D(2025, 6, 2), "C2", BornIn2015, StartMessage, SourceVersion: 7));
    }

    [Fact]
    public void a_redelivered_message_gives_no_events() =>
        Then(NoteCarePeriodStart.Decide(new(D(2025, 6, 2), "C2", BornIn2015, StartMessage),
            Given(new CarePeriodNoted(D(2025, 6, 2), "C2", BornIn2015, StartMessage)), Now));

    [Fact]
    public void another_message_repeating_a_known_start_is_noted_because_its_place_in_placements_order_matters()
    {
        var again = Guid.Parse("6f1f6c55-0000-4000-8000-000000000003");
        var child = Given(new CarePeriodNoted(D(2025, 6, 2), "C2", BornIn2015, StartMessage, 1));
        Then(NoteCarePeriodStart.Decide(new(D(2025, 6, 2), "C2", BornIn2015, again, 3), child, Now),
            new CarePeriodNoted(D(2025, 6, 2), "C2", BornIn2015, again, 3));
    }

    [Fact]
    public void an_end_repeating_a_known_end_is_noted_so_that_an_ending_posted_again_after_its_retraction_stands()
    {
        var again = Guid.Parse("6f1f6c55-0000-4000-8000-000000000004");
        var started = new CarePeriodNoted(D(2025, 6, 2), "C2", BornIn2015, StartMessage, 1);
        var ended = new CarePeriodEndNoted(D(2025, 6, 2), D(2025, 9, 1), "E13", EndMessage, 2);
        var endedAgain = NoteCarePeriodEnd.Decide(new(D(2025, 6, 2), D(2025, 9, 1), "E4A", again, 4), Given(started, ended), Now);
        Then(endedAgain, new CarePeriodEndNoted(D(2025, 6, 2), D(2025, 9, 1), "E4A", again, 4));

        // The retraction of the first ending (version 3) arrives last.
        var child = Given([started, ended, .. endedAgain, new CarePeriodReopenNoted(D(2025, 6, 2), D(2025, 9, 1), "C2", Guid.NewGuid(), 3)]);
        Assert.Equal([new CarePeriod(D(2025, 6, 2), D(2025, 9, 1), "C2")], child.Periods);
    }

    [Fact]
    public void a_care_period_ended_message_is_noted()
    {
        var message = new CarePeriodEnded("831", "C123", D(2025, 6, 2), D(2025, 9, 1), "E13", EndMessage);
        Then(NoteCarePeriodEnd.Decide(NoteCarePeriodEnd.From(message), Given(PeriodStarted(D(2025, 6, 2))), Now),
            new CarePeriodEndNoted(D(2025, 6, 2), D(2025, 9, 1), "E13", EndMessage));
        Then(NoteCarePeriodEnd.Decide(NoteCarePeriodEnd.From(message), Given(new CarePeriodEndNoted(D(2025, 6, 2), D(2025, 9, 1), "E13", EndMessage)), Now));
    }

    [Fact]
    public void an_end_before_the_start_is_refused() =>
        ThenViolates(() => NoteCarePeriodEnd.Decide(new(D(2025, 6, 2), D(2025, 6, 1), "E13", EndMessage), Given(), Now),
            "endDate", "care-period.ends-before-start");

    [Fact]
    public void an_end_that_arrives_before_its_start_completes_the_period_when_the_start_arrives()
    {
        var child = Given(
            new CarePeriodEndNoted(D(2025, 6, 2), D(2025, 9, 1), "E13", EndMessage),
            new CarePeriodNoted(D(2025, 6, 2), "C2", BornIn2015, StartMessage));
        Assert.Equal([new CarePeriod(D(2025, 6, 2), D(2025, 9, 1), "C2")], child.Periods);
    }

    [Fact]
    public void an_end_that_arrives_before_its_start_with_versions_gives_the_ended_period()
    {
        var child = Given(
            new CarePeriodEndNoted(D(2025, 6, 2), D(2025, 9, 1), "E13", EndMessage, 2),
            new CarePeriodNoted(D(2025, 6, 2), "C2", BornIn2015, StartMessage, 1));
        Assert.Equal([new CarePeriod(D(2025, 6, 2), D(2025, 9, 1), "C2")], child.Periods);
    }

    [Fact]
    public void the_date_of_birth_is_the_one_on_the_latest_start_in_placements_order_not_the_latest_to_arrive()
    {
        var child = Given(PeriodStarted(D(2025, 10, 6), born: D(2015, 3, 11), version: 4), PeriodStarted(D(2025, 6, 2), version: 1));
        Assert.Equal(D(2015, 3, 11), child.DateOfBirth);
    }

    [Fact]
    public void periods_are_kept_in_date_order_whatever_order_they_arrive_in()
    {
        var child = Given(PeriodStarted(D(2025, 10, 6)), PeriodStarted(D(2025, 6, 2)), PeriodEnded(D(2025, 6, 2), D(2025, 9, 1)));
        Assert.Equal([D(2025, 6, 2), D(2025, 10, 6)], child.Periods.Select(p => p.Start));
    }
}
