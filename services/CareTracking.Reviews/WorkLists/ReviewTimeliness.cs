using CareTracking.Reviews.Children;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Reviews.WorkLists;

/// <summary>Review figures for one IRO, one team, or everyone.</summary>
/// <param name="Key">The IRO id or team; none for reviews with no IRO allocated (and for the overall line).</param>
/// <param name="Held">Reviews held in the window.</param>
/// <param name="OnTime">Of those, held on or before their due date.</param>
/// <param name="ByParticipation">Reviews held by REVIEW_CODE, PN0 to PN7 (zeros included).</param>
/// <param name="AgedFourOrOver">Reviews of children aged 4 or over on the review date.</param>
/// <param name="Participated">Of those, PN1–PN6.</param>
/// <param name="OutsidePeriodOfCare">Reviews counted in Held that no period of care contains (not on time).</param>
/// <param name="AwaitingCarePeriod">Reviews counted in Held whose period of care has not been announced yet (not on time yet).</param>
public sealed record TimelinessFigures(
    string? Key,
    int Held,
    int OnTime,
    decimal? PercentOnTime,
    IReadOnlyDictionary<string, int> ByParticipation,
    int AgedFourOrOver,
    int Participated,
    decimal? PercentParticipated,
    int OutsidePeriodOfCare,
    int AwaitingCarePeriod);

/// <summary>IRO allocated in time: periods of care (not short breaks) started in the window whose IRO was
/// allocated on or before the 5th working day after DECOM.</summary>
public sealed record IroAllocationFigures(int PeriodsStarted, int AllocatedInTime, decimal? PercentInTime);

public sealed record TimelinessReport(
    DateOnly From,
    DateOnly To,
    TimelinessFigures All,
    IReadOnlyList<TimelinessFigures> ByIro,
    IReadOnlyList<TimelinessFigures> ByTeam,
    IroAllocationFigures IroAllocation);

/// <summary>
/// Review timeliness and participation over a window of review dates (both ends included). A review is
/// credited to the IRO and team responsible on its date. Short-break reviews count unless left out
/// (docs/measures.md, Reviews and IRO). Percentages have one decimal, rounded half away from zero.
/// </summary>
public static class ReviewTimeliness
{
    public static TimelinessReport Over(
        IReadOnlyDictionary<string, Child> children, DateOnly from, DateOnly to, WorkingDays workingDays, bool includeShortBreaks = true)
    {
        var reviews = new List<(ReviewLine Line, bool? AgedFourOrOver)>();
        var periodsStarted = 0;
        var inTime = 0;
        foreach (var child in children.Values)
        {
            var view = ChildReviewsView.Of(child, workingDays);
            reviews.AddRange(view.Reviews
                .Where(r => r.Date >= from && r.Date <= to)
                .Where(r => includeShortBreaks || !r.ShortBreak)
                .Select(r => (r, child.DateOfBirth is { } born ? Age.InWholeYears(born, r.Date) >= 4 : (bool?)null)));

            var mainstream = child.Periods.Where(p => !p.IsShortBreak).Select(p => p.ToPeriodOfCare());
            foreach (var allocation in IroAllocationTimeliness.ForChild(mainstream, child.IroAllocations.Select(a => a.Date), workingDays)
                         .Where(a => a.Period.Start >= from && a.Period.Start <= to))
            {
                periodsStarted++;
                if (allocation.InTime) inTime++;
            }
        }

        return new TimelinessReport(
            from,
            to,
            Figures(null, reviews),
            [.. reviews.GroupBy(r => r.Line.IroId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, g))],
            [.. reviews.GroupBy(r => r.Line.Team).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, g))],
            new IroAllocationFigures(periodsStarted, inTime, Percent(inTime, periodsStarted)));
    }

    private static TimelinessFigures Figures(string? key, IEnumerable<(ReviewLine Line, bool? AgedFourOrOver)> reviews)
    {
        var list = reviews.ToList();
        var onTime = list.Count(r => r.Line.OnTime);
        // Without a date of birth, PN0 is the only sign of a child under 4.
        var agedFourOrOver = list.Where(r => r.AgedFourOrOver ?? r.Line.Participation != ReviewParticipation.UnderFour).ToList();
        var participated = agedFourOrOver.Count(r => ReviewParticipation.Participated(r.Line.Participation));
        return new TimelinessFigures(
            key,
            list.Count,
            onTime,
            Percent(onTime, list.Count),
            ReviewParticipation.Codes.ToDictionary(code => code, code => list.Count(r => r.Line.Participation == code)),
            agedFourOrOver.Count,
            participated,
            Percent(participated, agedFourOrOver.Count),
            list.Count(r => r.Line.Placing == ReviewPlacing.OutsidePeriodOfCare),
            list.Count(r => r.Line.Placing == ReviewPlacing.AwaitingCarePeriod));
    }

    private static decimal? Percent(int part, int whole) =>
        whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);
}
