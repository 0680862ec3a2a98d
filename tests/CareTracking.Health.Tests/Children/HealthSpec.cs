using CareTracking.Health.Children;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Health.Tests.Children;

/// <summary>Given(events) / When(decide) / Then(events or rule violation).</summary>
internal static class HealthSpec
{
    // Monday 1 December 2025, 10:00 UTC (GMT, so also 1 December in England).
    public static readonly DateTimeOffset Now = new(2025, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly BornIn2012 = new(2012, 3, 10);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static HealthChild Given(params HealthEvent[] events) => HealthChild.Fold(events);

    public static CarePeriodNoted PeriodStarted(DateOnly start, string legalStatus = "C2", DateOnly? born = null, long? version = null) =>
        new(start, legalStatus, born ?? BornIn2012, Guid.NewGuid(), version);

    public static CarePeriodEndNoted PeriodEnded(DateOnly start, DateOnly end, string reason = "E13", long? version = null) =>
        new(start, end, reason, Guid.NewGuid(), version);

    public static void Then(IReadOnlyList<HealthEvent> actual, params HealthEvent[] expected) => Assert.Equal(expected, actual);

    public static void ThenViolates(Func<IReadOnlyList<HealthEvent>> when, string field, string rule)
    {
        var violation = Assert.Throws<RuleViolation>(() => when());
        Assert.Equal((field, rule), (violation.Field, violation.Rule));
    }
}
