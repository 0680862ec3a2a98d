using CareTracking.Placements.Children;
using CareTracking.Placements.Children.Correcting;
using CareTracking.Placements.Children.EnteringCare;
using CareTracking.Placements.Children.MovingPlacement;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class CorrectingTests
{
    [Fact]
    public void retracting_an_event_records_the_retraction_with_the_event_date() =>
        Then(RetractEvent.Decide(new(Id(1), "Wrong placement recorded"), Given(Entered(), Moved("2025-03-01", ChildrensHome, "P")), Now),
            new EventRetracted(D("2025-03-01"), Id(1), "Wrong placement recorded"));

    [Fact]
    public void retracting_an_event_already_retracted_records_nothing() =>
        ThenNothing(RetractEvent.Decide(new(Id(1), "Wrong placement recorded"),
            Given(Entered(), Moved("2025-03-01", ChildrensHome, "P"), new EventRetracted(D("2025-03-01"), Id(1), "Wrong placement recorded")), Now));

    [Fact]
    public void retracting_an_unknown_event_is_rejected() =>
        ThenRejected(() => RetractEvent.Decide(new(Id(7), "Typo"), Given(Entered()), Now), "eventId", "retraction.unknown-event");

    [Fact]
    public void retracting_without_a_reason_is_rejected() =>
        ThenRejected(() => RetractEvent.Decide(new(Id(0), " "), Given(Entered()), Now), "reason", "retraction.reason-required");

    [Fact]
    public void retracting_an_entry_into_care_that_later_events_depend_on_is_rejected() =>
        ThenRejected(() => RetractEvent.Decide(new(Id(0), "Wrong child"), Given(Entered(), Moved("2025-03-01", ChildrensHome, "P")), Now),
            "eventId", "history.conflict");

    [Fact]
    public void after_a_retraction_the_right_event_is_accepted()
    {
        var state = Given(
            Entered(),
            Moved("2025-03-01", ChildrensHome, "P"),
            new EventRetracted(D("2025-03-01"), Id(1), "Moved on the 4th, not the 1st"));

        Then(MovePlacement.Decide(new(D("2025-03-04"), ChildrensHome, false, "CARPL", null), state, Now),
            Moved("2025-03-04", ChildrensHome, "P"));
    }

    [Fact]
    public void a_retracted_move_no_longer_blocks_a_move_on_its_date()
    {
        var state = Given(
            Entered(),
            Moved("2025-03-01", ChildrensHome, "P"),
            new EventRetracted(D("2025-03-01"), Id(1), "Wrong placement"));

        Then(MovePlacement.Decide(new(D("2025-03-01"), OtherFoster, false, "CARPL", null), state, Now),
            Moved("2025-03-01", OtherFoster, "P"));
    }

    [Fact]
    public void after_retracting_the_ceasing_the_child_is_in_care_again()
    {
        var state = Given(Entered(), new ChildCeasedCare(D("2025-03-01"), "E4A"), new EventRetracted(D("2025-03-01"), Id(1), "Did not go home"));

        Assert.True(CurrentState.Of(state).InCare);
        Assert.Single(MovePlacement.Decide(new(D("2025-04-01"), ChildrensHome, false, "CARPL", null), state, Now));
    }

    [Fact]
    public void the_same_event_posted_again_after_its_retraction_is_recorded_again()
    {
        var state = Given(Entered(), new EventRetracted(D("2025-01-10"), Id(0), "Posted by mistake"));

        Assert.Single(EnterCare.Decide(
            new(D("2025-01-10"), "C1", "N1", Foster, "DE1 1AA", Girl()), state, Now));
    }
}
