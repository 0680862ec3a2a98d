using CareTracking.Placements.Children;
using CareTracking.Placements.Children.EnteringCare;
using CareTracking.Placements.Children.Episodes;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

/// <summary>A past period of care recorded whole, after a later period is already in the history.</summary>
public class BackFillingPeriodsTests
{
    // The current period began on 10 January 2025 and is open.
    private static readonly Child CurrentlyInCare = Given(Entered("2025-01-10"));

    private static EnterCare PastPeriod(string from, string to, string reason = "E4A") =>
        new(D(from), "C1", "N1", OtherFoster, "DE1 1AA", Girl(), new PeriodEnd(D(to), reason));

    [Fact]
    public void an_earlier_period_entered_without_its_end_is_rejected_because_it_would_overlap_the_later_one() =>
        ThenRejected(() => EnterCare.Decide(PastPeriod("2023-05-01", "2023-11-30") with { Ceased = null }, CurrentlyInCare, Now),
            "date", "history.conflict");

    [Fact]
    public void an_earlier_period_posted_with_its_end_is_recorded_as_an_entry_and_a_ceasing() =>
        Then(EnterCare.Decide(PastPeriod("2023-05-01", "2023-11-30"), CurrentlyInCare, Now),
            new ChildEnteredCare(D("2023-05-01"), "C1", "N1", OtherFoster, "DE1 1AA", Girl()),
            new ChildCeasedCare(D("2023-11-30"), "E4A"));

    [Fact]
    public void the_back_filled_period_takes_its_place_before_the_later_one_in_the_episodes()
    {
        var events = EnterCare.Decide(PastPeriod("2023-05-01", "2023-11-30"), CurrentlyInCare, Now);
        var child = events.Aggregate(CurrentlyInCare, (state, e) => Child.Evolve(state, new RecordedEvent(Guid.NewGuid(), e)));

        var rows = EpisodeHistory.Derive(child);

        // Hand-derived: S 01/05/2023 .. 30/11/2023 E4A, then S 10/01/2025 open.
        Assert.Equal([D("2023-05-01"), D("2025-01-10")], rows.Select(r => r.Decom));
        Assert.Equal(["S", "S"], rows.Select(r => r.Rne));
        Assert.Equal([D("2023-11-30"), null], rows.Select(r => r.Dec));
        Assert.Equal(["E4A", null], rows.Select(r => r.Rec));
    }

    [Fact]
    public void a_past_period_that_would_end_inside_the_later_one_is_rejected_naming_the_ceasing() =>
        ThenRejected(() => EnterCare.Decide(PastPeriod("2024-11-01", "2025-02-01"), CurrentlyInCare, Now),
            "date", "history.conflict");

    [Fact]
    public void a_past_period_must_end_after_it_began() =>
        ThenRejected(() => EnterCare.Decide(PastPeriod("2023-05-01", "2023-05-01"), CurrentlyInCare, Now),
            "ceased.date", "ceased-care.before-entry");

    [Fact]
    public void a_past_period_with_an_unknown_reason_for_ending_is_rejected_naming_the_ceasing_reason() =>
        ThenRejected(() => EnterCare.Decide(PastPeriod("2023-05-01", "2023-11-30", reason: "E99"), CurrentlyInCare, Now),
            "ceased.reason", "code.unknown");

    [Fact]
    public void an_adoption_ending_from_a_foster_placement_is_rejected_naming_the_ceasing_reason() =>
        ThenRejected(() => EnterCare.Decide(PastPeriod("2023-05-01", "2023-11-30", reason: "E11"), CurrentlyInCare, Now),
            "ceased.reason", "ceased-care.adoption-placement");

    [Fact]
    public void posting_the_same_past_period_again_records_nothing()
    {
        var events = EnterCare.Decide(PastPeriod("2023-05-01", "2023-11-30"), CurrentlyInCare, Now);
        var child = events.Aggregate(CurrentlyInCare, (state, e) => Child.Evolve(state, new RecordedEvent(Guid.NewGuid(), e)));

        ThenNothing(EnterCare.Decide(PastPeriod("2023-05-01", "2023-11-30"), child, Now));
    }
}
