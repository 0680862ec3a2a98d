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

    public static DateOnly Of(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);
}
