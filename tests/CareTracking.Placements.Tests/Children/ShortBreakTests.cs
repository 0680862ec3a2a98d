using CareTracking.Placements.Children;
using CareTracking.Placements.Children.CeasingCare;
using CareTracking.Placements.Children.ChangingLegalStatus;
using CareTracking.Placements.Children.EnteringCare;
using CareTracking.Placements.Children.MovingPlacement;
using static CareTracking.Placements.Tests.Children.Scenario;

namespace CareTracking.Placements.Tests.Children;

/// <summary>Short breaks (V3 individual breaks, V4 agreements): 903 rules 366, 367, 382 and 384.</summary>
public class ShortBreakTests
{
    private static readonly Placement NewFosterCarer = new("U6", "PR4", "DE3 9AA", "SC222222");

    private static Child OnABreakSince(string date, string legalStatus = "V3") => Given(Entered(date: date, legalStatus: legalStatus));

    // ---- 366: no change of placement during a V3 break ----

    [Fact]
    public void moving_placement_during_a_short_break_under_v3_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-08-05"), NewFosterCarer, false, "CARPL", null), OnABreakSince("2025-08-01"), Now),
            "placement", "short-break.placement-change");

    [Fact]
    public void moving_with_the_same_carer_during_a_short_break_under_v3_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-08-05"), Foster with { Postcode = "DE3 9AA" }, true, "PLACE", null), OnABreakSince("2025-08-01"), Now),
            "placement", "short-break.placement-change");

    [Fact]
    public void moving_under_v4_short_break_agreements_is_accepted() =>
        Then(MovePlacement.Decide(new(D("2025-08-05"), NewFosterCarer, false, "CARPL", null), OnABreakSince("2025-08-01", "V4"), Now),
            Moved("2025-08-05", NewFosterCarer, "P"));

    [Fact]
    public void a_move_that_ends_the_break_by_changing_the_legal_status_is_accepted() =>
        Then(MovePlacement.Decide(new(D("2025-08-05"), NewFosterCarer, false, "CARPL", "V2"), OnABreakSince("2025-08-01"), Now),
            Moved("2025-08-05", NewFosterCarer, "B", legalStatus: "V2"));

    [Fact]
    public void a_move_that_starts_a_short_break_under_v3_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-08-05"), NewFosterCarer, false, "CARPL", "V3"), OnABreakSince("2025-08-01", "V2"), Now),
            "legalStatus", "short-break.placement-change");

    [Fact]
    public void a_back_dated_change_to_v3_before_a_recorded_move_is_rejected() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-05-25"), "V3"),
                Given(Entered(date: "2025-03-01", legalStatus: "V2"), Moved("2025-06-01", ChildrensHome, "P")), Now),
            "date", "history.conflict");

    // ---- 367: at most 75 days of V3 breaks in any 12 months ----

    private static ChildEvent[] Break(string start, string end) => [Entered(date: start, legalStatus: "V3"), new ChildCeasedCare(D(end), "E4A")];

    /// <summary>Three breaks of 17 days each (51 days), in autumn 2024.</summary>
    private static readonly ChildEvent[] ThreeBreaks =
        [.. Break("2024-09-01", "2024-09-18"), .. Break("2024-10-01", "2024-10-18"), .. Break("2024-11-01", "2024-11-18")];

    /// <summary>A fourth break of 17 days in August 2024 before those three: 68 days in all.</summary>
    private static readonly ChildEvent[] FourBreaks = [.. Break("2024-08-10", "2024-08-27"), .. ThreeBreaks];

    [Theory]
    [InlineData("2025-01-08", true)]  // 68 + 7 = 75 days in the 12 months to 8 January 2025
    [InlineData("2025-01-09", false)] // 68 + 8 = 76
    public void short_breaks_under_v3_total_at_most_75_days_in_12_months(string end, bool accepted)
    {
        var state = Given([.. FourBreaks, Entered(date: "2025-01-01", legalStatus: "V3")]);
        var command = new CeaseCare(D(end), "E4A");
        if (accepted) Assert.Single(CeaseCare.Decide(command, state, Now));
        else ThenRejected(() => CeaseCare.Decide(command, state, Now), "date", "short-break.yearly-limit");
    }

    [Theory]
    [InlineData("2024-08-09", "2024-08-26", true)]  // the first break ended exactly 12 months before: 75 days
    [InlineData("2024-08-10", "2024-08-27", false)] // its last day falls inside the 12 months: 76 days
    public void the_days_are_counted_in_the_12_months_up_to_the_end_of_the_break(string firstStart, string firstEnd, bool accepted)
    {
        // 17 + 51 + 7 = 75 days in the 12 months to 8 January 2025 either way; then a break of 17 days to 26 August 2025.
        var state = Given([.. Break(firstStart, firstEnd), .. ThreeBreaks, .. Break("2025-01-01", "2025-01-08"), Entered(date: "2025-08-09", legalStatus: "V3")]);
        var command = new CeaseCare(D("2025-08-26"), "E4A");
        if (accepted) Assert.Single(CeaseCare.Decide(command, state, Now));
        else ThenRejected(() => CeaseCare.Decide(command, state, Now), "date", "short-break.yearly-limit");
    }

    [Fact]
    public void a_break_ended_by_a_change_of_legal_status_counts_towards_the_75_days() =>
        ThenRejected(() => ChangeLegalStatus.Decide(new(D("2025-01-09"), "V2"), Given([.. FourBreaks, Entered(date: "2025-01-01", legalStatus: "V3")]), Now),
            "date", "short-break.yearly-limit");

    [Fact]
    public void a_break_ended_by_a_move_that_changes_the_legal_status_counts_towards_the_75_days() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-01-09"), NewFosterCarer, false, "CARPL", "V2"),
                Given([.. FourBreaks, Entered(date: "2025-01-01", legalStatus: "V3")]), Now),
            "date", "short-break.yearly-limit");

    [Theory]
    [InlineData("2025-01-08", true)]  // 51 + 7 + 17 = 75 days in the 12 months to 26 August 2025
    [InlineData("2025-01-09", false)] // 76: the later break, already recorded, would break the rule
    public void a_back_dated_break_that_takes_a_later_one_over_75_days_is_rejected(string end, bool accepted)
    {
        var state = Given([.. ThreeBreaks, .. Break("2025-08-09", "2025-08-26")]);
        var command = new EnterCare(D("2025-01-01"), "V3", "N2", Foster, "DE1 1AA", Girl(), new PeriodEnd(D(end), "E4A"));
        if (accepted) Assert.Equal(2, EnterCare.Decide(command, state, Now).Count);
        else ThenRejected(() => EnterCare.Decide(command, state, Now), "date", "history.conflict");
    }

    [Fact]
    public void breaks_under_v4_are_not_counted() =>
        Assert.Single(CeaseCare.Decide(new(D("2025-01-09"), "E4A"), Given([.. FourBreaks, Entered(date: "2025-01-01", legalStatus: "V4")]), Now));

    // ---- 382: no temporary placement under V3 or V4 ----

    [Theory]
    [InlineData("T0")]
    [InlineData("T1")]
    [InlineData("T2")]
    [InlineData("T3")]
    [InlineData("T4")]
    public void a_temporary_placement_under_v4_is_rejected(string type) =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-08-05"), new Placement(type, null, null, null), false, null, null), OnABreakSince("2025-08-01", "V4"), Now),
            "placement.type", "placement.temporary-under-short-break");

    [Theory]
    [InlineData("T0")]
    [InlineData("T4")]
    public void a_temporary_placement_under_a_single_section_20_is_accepted(string type) =>
        Assert.Single(MovePlacement.Decide(new(D("2025-08-05"), new Placement(type, null, null, null), false, null, null), OnABreakSince("2025-08-01", "V2"), Now));

    [Theory]
    [InlineData("V3", false)]
    [InlineData("V4", false)]
    [InlineData("V2", true)]
    public void the_legal_status_cannot_change_to_short_breaks_while_in_a_temporary_placement(string legalStatus, bool accepted)
    {
        var state = Given(Entered(), Moved("2025-03-01", Hospital, "P", reason: null));
        var command = new ChangeLegalStatus(D("2025-03-03"), legalStatus);
        if (accepted) Assert.Single(ChangeLegalStatus.Decide(command, state, Now));
        else ThenRejected(() => ChangeLegalStatus.Decide(command, state, Now), "legalStatus", "placement.temporary-under-short-break");
    }

    // ---- 384: no long-term fostering (U1, U4) under V3 or V4 ----

    [Theory]
    [InlineData("U1", "V3", false)]
    [InlineData("U4", "V3", false)]
    [InlineData("U1", "V4", false)]
    [InlineData("U4", "V4", false)]
    [InlineData("U2", "V3", true)]
    [InlineData("U3", "V3", true)]
    [InlineData("U5", "V4", true)]
    [InlineData("U6", "V4", true)]
    [InlineData("U4", "V2", true)]
    public void long_term_fostering_is_not_a_short_break_placement(string type, string legalStatus, bool accepted)
    {
        var command = new EnterCare(D("2025-08-01"), legalStatus, "N2", new Placement(type, "PR1", "DE22 3NE", "SC123456"), "DE1 1AA", Girl());
        if (accepted) Assert.Single(EnterCare.Decide(command, GivenNothing, Now));
        else ThenRejected(() => EnterCare.Decide(command, GivenNothing, Now), "placement.type", "placement.long-term-foster-under-short-break");
    }

    [Fact]
    public void a_move_into_long_term_fostering_under_v4_is_rejected() =>
        ThenRejected(() => MovePlacement.Decide(new(D("2025-08-05"), OtherFoster, false, "CARPL", null), OnABreakSince("2025-08-01", "V4"), Now),
            "placement.type", "placement.long-term-foster-under-short-break");
}
