using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Ssda903.Health;

/// <summary>The statutory health assessment due next: which kind, by when, and the assessment it follows.</summary>
public sealed record HealthAssessmentDue(AssessmentKind Kind, DateOnly DueDate, DateOnly? LastAssessment)
{
    /// <summary>Overdue on a date after the due date (an assessment on the due date is in time).</summary>
    public bool IsOverdueOn(DateOnly date) => date > DueDate;
}

/// <summary>
/// When a looked-after child's statutory health assessments fall due (Care Planning, Placement and Case Review
/// (England) Regulations 2010, regulation 7 and Schedule 1; statutory guidance "Promoting the health and
/// well-being of looked-after children", 2015): the initial assessment within 20 working days of entering care
/// (DECOM is day 0, as for the first review), then a review assessment every 6 months before the child's fifth
/// birthday and every 12 months from it.
/// </summary>
/// <remarks>
/// Our readings, written out in docs/health.md: the clock restarts with each period of care, and only
/// assessments within the current period count (a child re-entering care is owed a new initial assessment); the
/// interval after an assessment is 6 months when the child is still under 5 on the date 6 months on, otherwise
/// 12 months (so an assessment at 4 years 10 months is next due at 5 years 10 months); calendar-month dates are
/// not moved off weekends, as review dates are not (<see cref="CalendarMonths.Add"/>). Short breaks (V3/V4,
/// regulation 48) carry no health assessment clock. Without a date of birth the 12-month interval is used.
/// </remarks>
public static class HealthAssessmentSchedule
{
    public const int InitialWorkingDays = 20;
    public const int UnderFiveReviewMonths = 6;
    public const int ReviewMonths = 12;
    public const int FiveYearsOld = 5;

    /// <summary>The assessment due next as at <paramref name="asAt"/>, counting only assessments on or before it;
    /// none when the child is not looked after that day or is on a short break.</summary>
    public static HealthAssessmentDue? DueAt(
        IEnumerable<PeriodOfCare> periods, DateOnly? dateOfBirth, IEnumerable<HealthAssessment> assessments, DateOnly asAt, WorkingDays workingDays)
    {
        var period = periods.LastOrDefault(p => p.Contains(asAt));
        if (period is null || period.IsShortBreak) return null;
        DateOnly? last = null;
        foreach (var a in assessments)
            if (a.Date >= period.Start && a.Date <= asAt && (last is null || a.Date > last)) last = a.Date;
        return last is { } lastDate
            ? new HealthAssessmentDue(AssessmentKind.Review, NextReviewDue(lastDate, dateOfBirth), lastDate)
            : new HealthAssessmentDue(AssessmentKind.Initial, InitialDue(period.Start, workingDays), null);
    }

    public static DateOnly InitialDue(DateOnly enteredCare, WorkingDays workingDays) =>
        workingDays.AddWorkingDays(enteredCare, InitialWorkingDays);

    public static DateOnly NextReviewDue(DateOnly lastAssessment, DateOnly? dateOfBirth)
    {
        var sixMonthsOn = CalendarMonths.Add(lastAssessment, UnderFiveReviewMonths);
        return dateOfBirth is { } born && Age.InWholeYears(born, sixMonthsOn) < FiveYearsOld
            ? sixMonthsOn
            : CalendarMonths.Add(lastAssessment, ReviewMonths);
    }

    /// <summary>Up to date at D: looked after at D (not on a short break) and the assessment due next is not
    /// overdue.</summary>
    public static bool IsUpToDateAt(
        IEnumerable<PeriodOfCare> periods, DateOnly? dateOfBirth, IEnumerable<HealthAssessment> assessments, DateOnly asAt, WorkingDays workingDays) =>
        DueAt(periods, dateOfBirth, assessments, asAt, workingDays) is { } due && !due.IsOverdueOn(asAt);
}
