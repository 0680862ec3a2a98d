namespace CareTracking.Ssda903.Calendar;

/// <summary>
/// Bank holidays in England: reference data, never the clock or culture settings of the machine.
/// The built-in list (<see cref="Default"/>) covers 2015–2030: New Year's Day, Good Friday, Easter Monday,
/// the early May, spring and summer bank holidays, Christmas Day and Boxing Day, with substitute days and
/// the one-off changes proclaimed for 2020, 2022 and 2023. A council can load its own list instead
/// (e.g. when a new one-off holiday is proclaimed).
/// </summary>
/// <remarks>
/// A year the reference list does not cover follows the standing rules (so a date in 2031 is still
/// answered sensibly); one-off proclamations for such a year are unknown until the list is extended.
/// </remarks>
public sealed class BankHolidaysEngland
{
    public const int FirstBuiltInYear = 2015;
    public const int LastBuiltInYear = 2030;

    private readonly HashSet<DateOnly> _listed;
    private readonly HashSet<int> _listedYears;

    /// <summary>The built-in reference list, 2015–2030.</summary>
    public static BankHolidaysEngland Default { get; } = new(
        Enumerable.Range(FirstBuiltInYear, LastBuiltInYear - FirstBuiltInYear + 1).SelectMany(ForYear));

    /// <summary>A calendar from reference data: every listed date is a bank holiday; the years it covers are
    /// the years that appear in the list.</summary>
    public BankHolidaysEngland(IEnumerable<DateOnly> holidays)
    {
        _listed = [.. holidays];
        _listedYears = [.. _listed.Select(d => d.Year)];
    }

    /// <summary>The listed holidays, in date order.</summary>
    public IReadOnlyList<DateOnly> Listed => [.. _listed.Order()];

    public bool IsBankHoliday(DateOnly date) =>
        _listedYears.Contains(date.Year) ? _listed.Contains(date) : RuleYears.GetOrAdd(date.Year, y => [.. ByStandingRules(y)]).Contains(date);

    // Years outside the list are worked out by the rules once each: working-day counts ask day by day.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, HashSet<DateOnly>> RuleYears = new();

    /// <summary>The holidays of one year by the standing rules and the known one-off changes.</summary>
    public static IReadOnlyList<DateOnly> ForYear(int year)
    {
        var holidays = ByStandingRules(year);
        switch (year)
        {
            case 2020:
                // The early May holiday moved to Friday 8 May for the 75th anniversary of VE Day.
                holidays.Remove(new DateOnly(2020, 5, 4));
                holidays.Add(new DateOnly(2020, 5, 8));
                break;
            case 2022:
                // Platinum Jubilee: the spring holiday moved to Thursday 2 June, with an extra holiday on
                // Friday 3 June; the State Funeral of Queen Elizabeth II on Monday 19 September.
                holidays.Remove(new DateOnly(2022, 5, 30));
                holidays.Add(new DateOnly(2022, 6, 2));
                holidays.Add(new DateOnly(2022, 6, 3));
                holidays.Add(new DateOnly(2022, 9, 19));
                break;
            case 2023:
                // The Coronation of King Charles III.
                holidays.Add(new DateOnly(2023, 5, 8));
                break;
        }
        return [.. holidays.Order()];
    }

    private static SortedSet<DateOnly> ByStandingRules(int year)
    {
        var easterSunday = EasterSunday(year);
        SortedSet<DateOnly> onWeekdays =
        [
            easterSunday.AddDays(-2),
            easterSunday.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        ];
        // Fixed-date holidays that fall on a weekend move to the next weekday that is not already a
        // holiday, taken in date order: Christmas on a Saturday gives Monday 27 and Boxing Day Tuesday 28;
        // Christmas on a Sunday keeps Boxing Day on Monday 26 and moves Christmas to Tuesday 27.
        DateOnly[] fixedDates = [new(year, 1, 1), new(year, 12, 25), new(year, 12, 26)];
        foreach (var date in fixedDates.Where(d => !IsWeekend(d)))
            onWeekdays.Add(date);
        foreach (var date in fixedDates.Where(IsWeekend))
        {
            var substitute = date.AddDays(1);
            while (IsWeekend(substitute) || onWeekdays.Contains(substitute))
                substitute = substitute.AddDays(1);
            onWeekdays.Add(substitute);
        }
        return onWeekdays;
    }

    /// <summary>Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1);
        while (date.DayOfWeek != DayOfWeek.Monday) date = date.AddDays(1);
        return date;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (date.DayOfWeek != DayOfWeek.Monday) date = date.AddDays(-1);
        return date;
    }

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
