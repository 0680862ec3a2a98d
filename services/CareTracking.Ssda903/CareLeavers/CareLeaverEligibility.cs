using System.Text.Json.Serialization;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Ssda903.CareLeavers;

/// <summary>
/// A period of care as leaving-care status reads it: from DECOM of its first episode (RNE S) to the DEC of its
/// last, with that episode's REC. Short breaks (V3/V4) are kept apart: they never count towards the 13 weeks.
/// </summary>
public sealed record CareHistoryPeriod(DateOnly Start, DateOnly? End, string? ReasonEnded, bool IsShortBreak = false)
{
    /// <summary>Looked after on the date: the day care ends is not a day in care.</summary>
    public bool Contains(DateOnly date) => Start <= date && (End is null || date < End);
}

/// <summary>The leaving-care categories of the Children Act 1989 as amended by the Children (Leaving Care) Act
/// 2000.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CareLeaverStatus>))]
public enum CareLeaverStatus
{
    /// <summary>Schedule 2 paragraph 19B: aged 16 or 17, still looked after, and looked after for 13 weeks in all
    /// since the 14th birthday, some of it on or after the 16th.</summary>
    Eligible,

    /// <summary>Section 23A: aged 16 or 17, no longer looked after, and eligible immediately before last ceasing
    /// to be looked after.</summary>
    Relevant,

    /// <summary>Section 23C: aged 18 to 20, and eligible or relevant immediately before turning 18.</summary>
    FormerRelevant,

    /// <summary>Section 24: aged 16 to 20, not in the categories above, no longer looked after, and looked after
    /// on some day on or after the 16th birthday while still a child.</summary>
    Qualifying,
}

/// <summary>
/// A young person's leaving-care status as at any date, worked out from their periods of care and date of birth.
/// </summary>
/// <remarks>
/// Source rule: Children Act 1989 Schedule 2 paragraph 19B with the Care Leavers (England) Regulations 2010,
/// regulation 3 (13 weeks, beginning after the 14th birthday and ending after the 16th, leaving out pre-planned
/// short breaks); sections 23A (relevant), 23C (former relevant) and 24 (qualifying). The days are counted as the
/// DfE validator counts them for rule 1001: the days looked after from the later of DECOM and the 14th birthday up
/// to the day before DEC (13 weeks = 91 days), and at least one day looked after on or after the 16th birthday.
/// What we do not model (docs/leaving-care.md): a relevant child who has lived with a parent for 6 continuous
/// months (regulation 3(3)); former relevant status from 21 to 25, which depends on education or a request for
/// support; qualifying through a special guardianship order or private fostering. A young person whose last
/// period of care ended in adoption (E11, E12), death (E2) or a transfer to another authority (E3) has no status
/// with this authority.
/// </remarks>
public static class CareLeaverEligibility
{
    /// <summary>13 weeks.</summary>
    public const int QualifyingDays = 91;

    public static CareLeaverStatus? On(IEnumerable<CareHistoryPeriod> history, DateOnly dateOfBirth, DateOnly asAt)
    {
        var periods = history.Where(p => !p.IsShortBreak && p.Start <= asAt).OrderBy(p => p.Start).ToList();
        return StatusOn(periods, dateOfBirth, asAt);
    }

    /// <summary>Days looked after (short breaks left out) from the 14th birthday up to and including
    /// <paramref name="through"/>.</summary>
    public static int DaysLookedAfterSince14(IEnumerable<CareHistoryPeriod> history, DateOnly dateOfBirth, DateOnly through)
    {
        var from14 = Age.Birthday(dateOfBirth, 14);
        var days = 0;
        foreach (var p in history.Where(p => !p.IsShortBreak))
        {
            var first = p.Start > from14 ? p.Start : from14;
            var endExclusive = p.End is { } end && end <= through ? end : through.AddDays(1);
            if (endExclusive > first) days += endExclusive.DayNumber - first.DayNumber;
        }
        return days;
    }

    private static CareLeaverStatus? StatusOn(List<CareHistoryPeriod> periods, DateOnly born, DateOnly date)
    {
        var age = Age.InWholeYears(born, date);
        if (age is < 16 or >= 21) return null;
        var known = periods.Where(p => p.Start <= date).ToList();
        if (known.Count == 0) return null;
        var lookedAfter = known.Any(p => p.Contains(date));
        if (age < 18 && lookedAfter) return IsEligibleOn(known, born, date) ? CareLeaverStatus.Eligible : null;

        var last = known[^1];
        if (!lookedAfter && last.ReasonEnded is "E11" or "E12" or "E2" or "E3") return null;
        if (age < 18)
        {
            var lastDayInCare = last.End!.Value.AddDays(-1);
            if (IsEligibleOn(known, born, lastDayInCare)) return CareLeaverStatus.Relevant;
        }
        else if (StatusOn(periods, born, Age.Birthday(born, 18).AddDays(-1)) is CareLeaverStatus.Eligible or CareLeaverStatus.Relevant)
        {
            return CareLeaverStatus.FormerRelevant;
        }

        return !lookedAfter && LookedAfterFrom16(known, born) ? CareLeaverStatus.Qualifying : null;
    }

    // Eligible on a day in care at 16 or 17: 91 days since the 14th birthday by then (that day in care at 16+
    // is the time "ending after the 16th birthday").
    private static bool IsEligibleOn(List<CareHistoryPeriod> periods, DateOnly born, DateOnly date) =>
        Age.InWholeYears(born, date) is 16 or 17
        && periods.Any(p => p.Contains(date))
        && DaysLookedAfterSince14(periods, born, date) >= QualifyingDays;

    // Looked after on some day from the 16th birthday to the day before the 18th ("while still a child").
    private static bool LookedAfterFrom16(List<CareHistoryPeriod> periods, DateOnly born)
    {
        var from16 = Age.Birthday(born, 16);
        var at18 = Age.Birthday(born, 18);
        return periods.Any(p => p.Start < at18 && (p.End is null || p.End > from16));
    }
}
