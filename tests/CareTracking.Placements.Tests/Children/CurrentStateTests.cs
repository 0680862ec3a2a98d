using CareTracking.Placements.Children;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class CurrentStateTests
{
    [Fact]
    public void the_current_state_is_the_open_episode_after_every_event_by_date() =>
        Assert.Equal(
            new CurrentState(
                InCare: true, PeriodsOfCare: 1, PeriodOfCareStarted: D("2025-01-10"), LastCeased: null, LastReasonCeased: null,
                LegalStatus: "C2", LegalStatusSince: D("2025-02-01"), CategoryOfNeed: "N1", Placement: ChildrensHome,
                PlacementSince: D("2025-06-01"), HomePostcode: "DE1 1AA", Child: new ChildDetails("F", D("2010-06-15"), "WBRI", true),
                Uasc: true),
            CurrentState.Of(Given(
                Entered(),
                Moved("2025-06-01", ChildrensHome, "P"),
                new LegalStatusChanged(D("2025-02-01"), "C2"),
                new UascStatusChanged(D("2025-04-01"), true))));

    [Fact]
    public void after_ceasing_the_child_is_not_in_care_and_the_ending_is_shown()
    {
        var state = CurrentState.Of(Given(Entered(), new ChildCeasedCare(D("2025-03-01"), "E13")));

        Assert.False(state.InCare);
        Assert.Equal((D("2025-03-01"), "E13"), (state.LastCeased!.Value, state.LastReasonCeased!));
    }

    [Fact]
    public void a_child_never_in_care_has_an_empty_state()
    {
        var state = CurrentState.Of(GivenNothing);

        Assert.False(state.InCare);
        Assert.Equal(0, state.PeriodsOfCare);
        Assert.Null(state.Placement);
    }
}
