namespace CareTracking.MissingEpisodes;

/// <summary>
/// The UK local date of an instant (indicators.md, precise reading 1: the date of "last seen" or "returned"
/// is its GMT/BST date, not its UTC date). British Summer Time runs from 01:00 UTC on the last Sunday of
/// March to 01:00 UTC on the last Sunday of October (the rule in force since 1996). Computed from that rule
/// rather than the machine's time-zone database so the answer never depends on what the host has installed.
/// </summary>
public static class UkTime
{
    public static DateOnly LocalDate(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var offset = IsSummerTime(utc) ? TimeSpan.FromHours(1) : TimeSpan.Zero;
        return DateOnly.FromDateTime(utc + offset);
    }

    static bool IsSummerTime(DateTime utc)
    {
        var starts = LastSundayOf(utc.Year, 3).AddHours(1);
        var ends = LastSundayOf(utc.Year, 10).AddHours(1);
        return utc >= starts && utc < ends;
    }

    static DateTime LastSundayOf(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }

    /// <summary>Age in whole years on a date; someone born on 29 February comes of age on 1 March in other years.</summary>
    public static int AgeInYears(DateOnly dateOfBirth, DateOnly on)
    {
        var age = on.Year - dateOfBirth.Year;
        if ((on.Month, on.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) < 0) age--;
        return age;
    }
}
