using CareTracking.Placements.Children;
using CareTracking.Placements.Children.ChangingHeader;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

/// <summary>UPN, MOTHER and MC_DOB changed after the entry to care (ChangeChildHeader): a UPN learnt later, a girl who
/// becomes a mother in care; held to the entry's rules, and what the current state and later entries read.</summary>
public class HeaderChangeTests
{
    private static readonly ChildEnteredCare GirlEntered = Entered(child: Girl() with { Upn = "UN4", Mother = false });

    private static IReadOnlyList<ChildEvent> Change(Child state, string date, string? upn = null, bool? mother = null, string? childBorn = null) =>
        ChangeChildHeader.Decide(new ChangeChildHeader(D(date), upn, mother, childBorn is null ? null : D(childBorn)), state, Now);

    [Fact]
    public void a_upn_learnt_later_is_recorded_and_replaces_the_reason_it_was_unknown()
    {
        Then(Change(Given(GirlEntered), "2025-03-01", upn: "A123456789012"), new ChildHeaderChanged(D("2025-03-01"), "A123456789012", null, null));
        var state = Given(GirlEntered, new ChildHeaderChanged(D("2025-03-01"), "A123456789012", null, null));
        Assert.Equal(Girl() with { Upn = "A123456789012", Mother = false }, CurrentState.Of(state).Child);
    }

    [Fact]
    public void a_girl_who_becomes_a_mother_in_care_is_recorded_with_her_child_s_date_of_birth()
    {
        var state = Given(GirlEntered);
        Then(Change(state, "2025-08-01", mother: true, childBorn: "2025-07-20"), new ChildHeaderChanged(D("2025-08-01"), null, true, D("2025-07-20")));
        // MC_DOB alone, for a girl not recorded as a mother, is refused as on the entry to care.
        ThenRejected(() => Change(state, "2025-08-01", childBorn: "2025-07-20"), "motherChildDateOfBirth", "mother-child-dob.not-a-mother");
    }

    [Fact]
    public void the_same_values_again_record_nothing()
    {
        var state = Given(GirlEntered, new ChildHeaderChanged(D("2025-03-01"), "A123456789012", null, null));
        ThenNothing(Change(state, "2025-04-01", upn: "A123456789012"));
        ThenNothing(Change(state, "2025-04-01", mother: false));
    }

    [Fact]
    public void what_the_entry_to_care_cannot_hold_a_change_cannot_either()
    {
        var boy = Given(Entered(child: Girl() with { Sex = "M" }));
        ThenRejected(() => Change(boy, "2025-03-01", mother: false), "mother", "903-rule-165");
        ThenRejected(() => Change(Given(GirlEntered), "2025-03-01", mother: true, childBorn: "2010-06-15"), "motherChildDateOfBirth", "mother-child-dob.before-birth");
        ThenRejected(() => Change(Given(GirlEntered), "2025-03-01"), "upn", "header.nothing-given");
        ThenRejected(() => Change(Given(GirlEntered), "2025-03-01", upn: "A12345678901 3"), "upn", "header.upn-format");
        ThenRejected(() => Change(Given(GirlEntered), "2025-09-02", upn: "A123456789012"), "date", "date.in-future");
        // Before the child entered care there are no details to change; the day of the entry is the first.
        ThenRejected(() => Change(Given(GirlEntered), "2025-01-09", upn: "A123456789012"), "date", "header.before-care");
        Assert.Single(Change(Given(GirlEntered), "2025-01-10", upn: "A123456789012"));
        ThenRejected(() => Change(GivenNothing, "2025-03-01", upn: "A123456789012"), "date", "header.before-care");
    }
}
