using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Placements.Tests.Children;

/// <summary>Given/When/Then vocabulary and the people and places the scenarios share.</summary>
internal static class Scenario
{
    /// <summary>Noon UTC on 1 September 2025 (13:00 in the UK).</summary>
    public static readonly DateTimeOffset Now = new(2025, 9, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The child is 14 on 10 January 2025 and 15 from 15 June 2025.</summary>
    public static readonly DateOnly BornOn = new(2010, 6, 15);

    public static readonly Placement Foster = new("U6", "PR1", "DE22 3NE", "SC123456");
    public static readonly Placement OtherFoster = new("U4", "PR4", "NG7 2RD", "SC654321");
    public static readonly Placement ChildrensHome = new("K2", "PR4", "LE1 6ZG", "SC111111");
    public static readonly Placement Hospital = new("T1", null, "DE1 2QY", null);

    public static DateOnly D(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd");

    public static ChildDetails Girl(DateOnly? bornOn = null, bool uasc = false) => new("F", bornOn ?? BornOn, "WBRI", uasc);

    public static ChildEnteredCare Entered(
        string date = "2025-01-10", string legalStatus = "C1", Placement? placement = null, ChildDetails? child = null) =>
        new(D(date), legalStatus, "N1", placement ?? Foster, "DE1 1AA", child ?? Girl());

    public static PlacementMoved Moved(
        string date, Placement placement, string rne, bool sameCarer = false, string? reason = "CARPL", string? legalStatus = null) =>
        new(D(date), placement, sameCarer, reason, legalStatus, rne);

    public static Guid Id(int index) => new($"00000000-0000-0000-0000-{index + 1:D12}");

    /// <summary>A child whose stream holds these events, with ids <see cref="Id"/>(0), (1), ...</summary>
    public static Child Given(params ChildEvent[] events) =>
        Child.From(events.Select((e, index) => new RecordedEvent(Id(index), e)));

    public static Child GivenNothing => Child.None;

    public static void Then(IReadOnlyList<ChildEvent> actual, params ChildEvent[] expected) =>
        Assert.Equal(expected, actual);

    public static void ThenNothing(IReadOnlyList<ChildEvent> actual) => Assert.Empty(actual);

    public static RuleViolation ThenRejected(Func<IReadOnlyList<ChildEvent>> when, string field, string rule)
    {
        var violation = Assert.Throws<RuleViolation>(() => when());
        Assert.Equal((field, rule), (violation.Field, violation.Rule));
        return violation;
    }
}
