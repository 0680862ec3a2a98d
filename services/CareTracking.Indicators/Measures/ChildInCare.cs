using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// A child's history as the committee counts it: short breaks (V3/V4) set aside, the rest grouped into
/// periods of care and placements. The short-break episodes are kept only for the review clock.
/// Everything here is the same whatever the report's window, so it is worked out once per history and
/// shared by every report over it (<see cref="CommitteeIndicators"/> keeps it beside the history).
/// </summary>
internal sealed class ChildInCare
{
    public ChildInCare(ChildHistory history, IndicatorSwitches switches, IReviewTimeliness reviewTimeliness)
    {
        History = history;
        Switches = switches;
        Episodes = history.Episodes.Where(e => !CodeGroups.IsShortBreak(e.Ls)).OrderBy(e => e.Decom).ToList();
        ShortBreaks = history.Episodes.Where(e => CodeGroups.IsShortBreak(e.Ls)).OrderBy(e => e.Decom).ToList();
        Periods = PeriodOfCare.From(Episodes);
        Placements = Periods.SelectMany(p => Placement.Within(p, switches)).ToList();
        Incidents = [.. history.Missing.Select(m => new CountedIncident(m, UkLocalDate.Of(m.Start), m.End is { } end ? UkLocalDate.Of(end) : m.ClosedAtEndOfCare))
            .Where(i => LookedAfterOn(i.StartDate))];
        Reviews = [.. AssessReviews(reviewTimeliness)];
        PeriodStarts = [.. Periods.Select((p, i) => new PeriodStart(p, FirstAllocation(p.Start, i + 1 < Periods.Count ? Periods[i + 1].Start : null)))];
    }

    public ChildHistory History { get; }

    /// <summary>The switches the placements were grouped under.</summary>
    public IndicatorSwitches Switches { get; }

    public IReadOnlyList<EpisodeRow> Episodes { get; }

    public IReadOnlyList<EpisodeRow> ShortBreaks { get; }

    public IReadOnlyList<PeriodOfCare> Periods { get; }

    public IReadOnlyList<Placement> Placements { get; }

    /// <summary>The missing and away incidents that began on a day the child was looked after (not on a short break).</summary>
    public IReadOnlyList<CountedIncident> Incidents { get; }

    /// <summary>Every review that can be placed on a clock, with its due date.</summary>
    public IReadOnlyList<AssessedReview> Reviews { get; }

    /// <summary>Each period of care with the first IRO allocation made in it (before the next period began).</summary>
    public IReadOnlyList<PeriodStart> PeriodStarts { get; }

    /// <summary>The episode open on D (DECOM ≤ D and DEC empty or after D), if the child is looked after.</summary>
    public EpisodeRow? EpisodeOn(DateOnly date)
    {
        for (var i = Episodes.Count - 1; i >= 0; i--)
        {
            var e = Episodes[i];
            if (e.Decom <= date && (e.Dec is null || e.Dec > date))
            {
                return e;
            }
        }

        return null;
    }

    public bool LookedAfterOn(DateOnly date) => EpisodeOn(date) is not null;

    public bool LookedAfterDuring(ReportWindow window)
    {
        foreach (var p in Periods)
        {
            if (p.OverlapsWindow(window))
            {
                return true;
            }
        }

        return false;
    }

    public PeriodOfCare? PeriodOn(DateOnly date) =>
        Periods.LastOrDefault(p => p.Start <= date && (p.End is null || p.End > date));

    public Placement? PlacementOn(DateOnly date) =>
        Placements.LastOrDefault(p => p.Start <= date && (p.End is null || p.End > date));

    /// <summary>Age in whole years on the date; null when the date of birth is not known.</summary>
    public int? AgeOn(DateOnly date) => History.DateOfBirth is { } born ? Age.InWholeYears(born, date) : null;

    private DateOnly? FirstAllocation(DateOnly periodStart, DateOnly? nextPeriodStart)
    {
        DateOnly? first = null;
        foreach (var allocation in History.IroAllocations)
        {
            var on = allocation.AllocatedOn;
            if (on >= periodStart && (nextPeriodStart is null || on < nextPeriodStart) && (first is null || on < first))
            {
                first = on;
            }
        }

        return first;
    }

    // A review belongs to the period of care containing its date (the later one when a period ends and
    // another starts that day); otherwise to the short-break series if breaks had begun; otherwise it
    // cannot be placed on any clock and is left out.
    private IEnumerable<AssessedReview> AssessReviews(IReviewTimeliness reviewTimeliness)
    {
        var byPeriod = new Dictionary<PeriodOfCare, List<ReviewRecord>>();
        var shortBreakReviews = new List<ReviewRecord>();
        var firstShortBreak = ShortBreaks.Count > 0 ? ShortBreaks[0].Decom : (DateOnly?)null;

        foreach (var review in History.Reviews.OrderBy(r => r.Date))
        {
            var period = Periods.LastOrDefault(p => p.Start <= review.Date && (p.End is null || review.Date <= p.End));
            if (period is not null)
            {
                if (!byPeriod.TryGetValue(period, out var list))
                {
                    byPeriod[period] = list = [];
                }

                list.Add(review);
            }
            else if (firstShortBreak <= review.Date)
            {
                shortBreakReviews.Add(review);
            }
        }

        foreach (var (period, reviews) in byPeriod)
        {
            foreach (var assessed in Assess(reviewTimeliness, ReviewClock.PeriodOfCare, period.Start, reviews))
            {
                yield return assessed;
            }
        }

        if (firstShortBreak is { } start && shortBreakReviews.Count > 0)
        {
            foreach (var assessed in Assess(reviewTimeliness, ReviewClock.ShortBreaks, start, shortBreakReviews))
            {
                yield return assessed;
            }
        }
    }

    private IEnumerable<AssessedReview> Assess(IReviewTimeliness reviewTimeliness, ReviewClock clock, DateOnly clockStart, List<ReviewRecord> reviews)
    {
        var due = reviewTimeliness.DueDates(clock, clockStart, reviews.Select(r => r.Date).ToList());
        return reviews.Select((r, i) => new AssessedReview(r, clock, due[i], AgeOn(r.Date) >= 4));
    }
}

/// <summary>A missing or away incident with the UK dates it began and ended on (returned, or closed at the end
/// of care).</summary>
internal sealed record CountedIncident(MissingIncident Incident, DateOnly StartDate, DateOnly? EndDate);

/// <param name="AgedFourPlus">The child was 4 or over on the review date (participation is asked of them).</param>
internal sealed record AssessedReview(ReviewRecord Review, ReviewClock Clock, DateOnly Due, bool AgedFourPlus);

/// <summary>A period of care and the first IRO allocation in it, if any.</summary>
internal sealed record PeriodStart(PeriodOfCare Period, DateOnly? FirstAllocation);
