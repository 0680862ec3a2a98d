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
}
