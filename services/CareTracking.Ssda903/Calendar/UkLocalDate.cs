using System.Collections.Concurrent;

namespace CareTracking.Ssda903.Calendar;

/// <summary>
/// The date in England of an instant: GMT in winter, BST (UTC+1) in summer. An event recorded at
/// 23:30 UTC on 30 June happened on 1 July for the council, and that is the date the rules use.
/// </summary>
public static class UkLocalDate
{
    // The IANA zone, read from the operating system's tz database (tzdata on Linux); it does not depend on
    // culture data, so it works with InvariantGlobalization on.
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Reports ask for many instants' dates, and time-zone conversion is slow. England's clocks change on the
    // hour (01:00 UTC), so the offset of each UTC hour is worked out once.
    private static readonly ConcurrentDictionary<long, long> OffsetTicksByUtcHour = new();

    public static DateOnly Of(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var offset = OffsetTicksByUtcHour.GetOrAdd(utc.Ticks / TimeSpan.TicksPerHour,
            hour => London.GetUtcOffset(new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Utc)).Ticks);
        return DateOnly.FromDateTime(utc.AddTicks(offset));
    }
}
