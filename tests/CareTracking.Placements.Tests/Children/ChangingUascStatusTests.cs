using CareTracking.Placements.Children;
using CareTracking.Placements.Children.ChangingUascStatus;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

public class ChangingUascStatusTests
{
    [Fact]
    public void a_change_of_uasc_status_is_recorded() =>
        Then(ChangeUascStatus.Decide(new(D("2025-03-01"), true), Given(Entered()), Now), new UascStatusChanged(D("2025-03-01"), true));

    [Fact]
    public void the_same_change_again_records_nothing() =>
        ThenNothing(ChangeUascStatus.Decide(new(D("2025-03-01"), true), Given(Entered(), new UascStatusChanged(D("2025-03-01"), true)), Now));

    [Fact]
    public void recording_the_uasc_status_already_in_force_is_rejected() =>
        ThenRejected(() => ChangeUascStatus.Decide(new(D("2025-03-01"), true), Given(Entered(child: Girl(uasc: true))), Now),
            "uasc", "uasc.unchanged");

    [Fact]
    public void changing_the_uasc_status_of_a_child_not_in_care_is_rejected() =>
        ThenRejected(() => ChangeUascStatus.Decide(new(D("2025-03-01"), true), GivenNothing, Now), "date", "care.not-in-care");

    [Fact]
    public void changing_the_uasc_status_in_the_future_is_rejected() =>
        ThenRejected(() => ChangeUascStatus.Decide(new(D("2025-09-02"), true), Given(Entered()), Now), "date", "date.in-future");
}
