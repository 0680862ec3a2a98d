namespace CareTracking.Ssda903.Calendar;

/// <summary>Calendar-month arithmetic as statutory review intervals use it.</summary>
public static class CalendarMonths
{
    /// <summary>The same day of the month <paramref name="months"/> later; a day that does not exist in the
    /// target month becomes that month's last day (31 August + 3 months = 30 November, 31 August + 6 months
    /// = 28 or 29 February). The result is never moved off a weekend or bank holiday.</summary>
    public static DateOnly Add(DateOnly date, int months)
    {
        var firstOfTarget = new DateOnly(date.Year, date.Month, 1).AddMonths(months);
        var day = Math.Min(date.Day, DateTime.DaysInMonth(firstOfTarget.Year, firstOfTarget.Month));
        return new DateOnly(firstOfTarget.Year, firstOfTarget.Month, day);
    }
}
