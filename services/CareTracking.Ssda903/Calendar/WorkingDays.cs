namespace CareTracking.Ssda903.Calendar;

/// <summary>
/// Working days in England: Monday to Friday except bank holidays. Statutory time limits count them with
/// the starting date as day 0, so "within 20 working days of DECOM" means on or before
/// <c>AddWorkingDays(decom, 20)</c>.
/// </summary>
public sealed class WorkingDays(BankHolidaysEngland holidays)
{
    /// <summary>Working days by the built-in bank holiday list.</summary>
    public static WorkingDays England { get; } = new(BankHolidaysEngland.Default);

    public BankHolidaysEngland Holidays { get; } = holidays;

    public bool IsWorkingDay(DateOnly date) => !BankHolidaysEngland.IsWeekend(date) && !Holidays.IsBankHoliday(date);

    /// <summary>The <paramref name="days"/>th working day after <paramref name="start"/> (day 0, which need not
    /// itself be a working day). Zero gives the start date back.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>;
    /// negative when <paramref name="to"/> is earlier. For a working day <c>to</c> on or after <c>from</c>,
    /// <c>AddWorkingDays(from, WorkingDaysBetween(from, to)) == to</c>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
            if (IsWorkingDay(date)) count++;
        return count;
    }
}
