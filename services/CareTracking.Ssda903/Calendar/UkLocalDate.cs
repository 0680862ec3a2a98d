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

    /// <summary>The instant a UK date begins: midnight in England (00:00 GMT in winter, 23:00 UTC the day
    /// before in summer). England's clocks change at 01:00, so midnight always exists and is never repeated.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, London.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
