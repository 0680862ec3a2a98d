using System.Globalization;
using CareTracking.ServiceDefaults.Problems;

namespace CareTracking.Placements.Children;

/// <summary>
/// One short break under V3 (accommodated under an agreed series of short-term breaks, each break recorded):
/// from the day the V3 legal status began to the day it ended. Its length is counted in days from start to
/// end (DEC − DECOM), as 903 rule 365 and the validator count it.
/// </summary>
internal sealed record ShortBreak(DateOnly Start, DateOnly End)
{
    public int Days => End.DayNumber - Start.DayNumber;

    /// <summary>The days of the break that fall after <paramref name="from"/> and up to <paramref name="to"/>.</summary>
    public int DaysWithin(DateOnly from, DateOnly to) =>
        Math.Max(0, Math.Min(End.DayNumber, to.DayNumber) - Math.Max(Start.DayNumber, from.DayNumber));
}

/// <summary>The 903 rules on short breaks under V3: 365 (one break), 366 (no move during one), 367 (a year's total).</summary>
internal static class ShortBreakRules
{
    /// <summary>903 rule 365: each break lasts at most 17 days.</summary>
    private const int LongestBreakDays = 17;

    /// <summary>903 rule 367: at most 75 days of breaks in any 12 months.</summary>
    private const int MostDaysIn12Months = 75;

    /// <summary>Rules 365 and 367, checked on the day a V3 break ends (a change of legal status, a move that
    /// changes it, or ceasing care). Any 12 months with more than 75 days of breaks contains a 12 months that
    /// ends on the last day of a break, so checking the 12 months up to each break's end covers them all.</summary>
    public static void CheckEnd(CareSituation before, DateOnly endDate)
    {
        if (before.LegalStatus != "V3") return;
        var ending = new ShortBreak(before.LegalStatusSince!.Value, endDate);
        if (ending.Days > LongestBreakDays)
            throw new RuleViolation("date", "short-break.too-long",
                $"A short break under V3 lasts at most {LongestBreakDays} days; this one would last longer.");

        var from = endDate.AddYears(-1);
        var total = before.ShortBreaks.Append(ending).Sum(b => b.DaysWithin(from, endDate));
        if (total > MostDaysIn12Months)
            throw new RuleViolation("date", "short-break.yearly-limit",
                $"Short breaks under V3 total at most {MostDaysIn12Months} days in any 12 months; with this one they "
                + $"would total {total} days in the 12 months to {endDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
    }

    /// <summary>
    /// 903 rule 366: a child cannot change placement during a short break under V3. Each break is its own
    /// episode, from entering care (RNE S) to ceasing; the validator rejects any V3 episode that begins
    /// otherwise, so a move under V3, or a move that starts V3 (RNE B or U), is refused. A move that ends
    /// the break by changing the legal status the same day is not a change during it.
    /// </summary>
    public static void CheckMove(CareSituation before, PlacementMoved moved)
    {
        if (moved.LegalStatus == "V3")
            throw new RuleViolation("legalStatus", "short-break.placement-change",
                "A short break under V3 begins with the child entering care (RNE S), not with a placement move; "
                + "record the end of the current period of care and the break as a new one.");
        if (moved.LegalStatus is null && before.LegalStatus == "V3")
            throw new RuleViolation("placement", "short-break.placement-change",
                "A child cannot change placement during a short break under V3; each break is one episode, from "
                + "entering care to ceasing. Record the end of this break, and the next break as a new one.");
    }
}
