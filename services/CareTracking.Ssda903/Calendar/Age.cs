namespace CareTracking.Ssda903.Calendar;

public static class Age
{
    /// <summary>Age in completed years on a date. A child born on 29 February turns a year older on
    /// 1 March in a year without 29 February, as English law counts it.</summary>
    public static int InWholeYears(DateOnly dateOfBirth, DateOnly on)
    {
        var years = on.Year - dateOfBirth.Year;
        if (on.Month < dateOfBirth.Month || (on.Month == dateOfBirth.Month && on.Day < dateOfBirth.Day))
            years--;
        return years;
    }

    /// <summary>The day on which a child turns <paramref name="years"/> old: the birthday that year, or 1 March for
    /// a child born on 29 February in a year without one (so <c>InWholeYears(born, Birthday(born, n)) == n</c>).</summary>
    public static DateOnly Birthday(DateOnly dateOfBirth, int years)
    {
        var year = dateOfBirth.Year + years;
        return dateOfBirth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, dateOfBirth.Month, dateOfBirth.Day);
    }
}
