using CareTracking.LeavingCare.CareLeavers;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.LeavingCare.Tests.CareLeavers;

internal static class CareLeaverSpec
{
    // Monday 1 December 2025, 10:00 UTC.
    public static readonly DateTimeOffset Now = new(2025, 12, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>14 on 10 May 2022, 16 on 10 May 2024, 17 on 10 May 2025, 18 on 10 May 2026, 21 on 10 May 2029.</summary>
    public static readonly DateOnly Born = new(2008, 5, 10);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static CareLeaver Given(params CareLeaverEvent[] events) => CareLeaver.Fold(events);

    private static long version;

    public static CarePeriodNoted Started(DateOnly start, string legalStatus = "C2", DateOnly? born = null) =>
        new(start, legalStatus, born ?? Born, Guid.NewGuid(), Interlocked.Increment(ref version));

    public static CarePeriodEndNoted Ended(DateOnly start, DateOnly end, string reason = "E5") =>
        new(start, end, reason, Guid.NewGuid(), Interlocked.Increment(ref version));

    /// <summary>In care from 1 March 2024 (age 15) to <paramref name="end"/>: 91 days since the 14th birthday on
    /// 30 May 2024.</summary>
    public static CareLeaver InCareFromMarch2024(DateOnly? end = null, string reason = "E5") =>
        end is { } e ? Given(Started(D(2024, 3, 1)), Ended(D(2024, 3, 1), e, reason)) : Given(Started(D(2024, 3, 1)));

    public static void Then(IReadOnlyList<CareLeaverEvent> actual, params CareLeaverEvent[] expected) => Assert.Equal(expected, actual);

    public static void ThenViolates(Func<IReadOnlyList<CareLeaverEvent>> when, string field, string rule)
    {
        var violation = Assert.Throws<RuleViolation>(() => when());
        Assert.Equal((field, rule), (violation.Field, violation.Rule));
    }
}
