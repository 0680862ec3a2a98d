using CareTracking.Reviews.Children;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Reviews.Tests.Children;

/// <summary>Given(events) / When(decide) / Then(events or rule violation).</summary>
internal static class ChildSpec
{
    // Monday 1 December 2025, 10:00 UTC (GMT, so also 1 December in England).
    public static readonly DateTimeOffset Now = new(2025, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly BornIn2015 = new(2015, 3, 10);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static Child Given(params ChildEvent[] events) => Child.Fold(events);

    public static CarePeriodNoted PeriodStarted(DateOnly start, string legalStatus = "C2", DateOnly? born = null, long? version = null) =>
        new(start, legalStatus, born ?? BornIn2015, Guid.NewGuid(), version);

    public static CarePeriodEndNoted PeriodEnded(DateOnly start, DateOnly end, long? version = null) => new(start, end, "E13", Guid.NewGuid(), version);

    public static void Then(IReadOnlyList<ChildEvent> actual, params ChildEvent[] expected) => Assert.Equal(expected, actual);

    public static void ThenViolates(Func<IReadOnlyList<ChildEvent>> when, string field, string rule)
    {
        var violation = Assert.Throws<RuleViolation>(() => when());
        Assert.Equal((field, rule), (violation.Field, violation.Rule));
    }
}
