using System.Collections.Concurrent;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// The date of an instant as people in England read it (GMT in winter, BST in summer): a child last seen
/// at 23:30 UTC on 31 March in summer time went missing on 1 April.
/// </summary>
public static class UkLocalDate
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // The measures ask for many instants' dates per report, and time-zone conversion is slow. England's clocks
    // change on the hour (01:00 UTC), so the offset of each UTC hour is worked out once.
    private static readonly ConcurrentDictionary<long, long> OffsetTicksByUtcHour = new();

    public static DateOnly Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var offset = OffsetTicksByUtcHour.GetOrAdd(utc.Ticks / TimeSpan.TicksPerHour,
            hour => London.GetUtcOffset(new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Utc)).Ticks);
        return DateOnly.FromDateTime(utc.AddTicks(offset));
    }
}
