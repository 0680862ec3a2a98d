using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Reviews;

namespace CareTracking.Reviews.Children;

/// <summary>Where a recorded review stands against the child's periods of care.</summary>
public enum ReviewPlacing
{
    InPeriodOfCare,

    /// <summary>Recorded before the care-period message it depends on arrived; placed when it does.</summary>
    AwaitingCarePeriod,

    /// <summary>No period of care contains the date: not a statutory review of a looked-after child, not on time.</summary>
    OutsidePeriodOfCare,
}

/// <param name="Number">The review's number within its period of care (1 = first); none unless placed.</param>
/// <param name="Due">The date it was due; none unless placed.</param>
/// <param name="ParticipationConflictsWithAge">PN0 for a child 4 or over, or another code for a child under 4
/// (903 rules 440/441), found after the review was accepted before the date of birth was known.</param>
/// <param name="IroId">The IRO responsible on the review date, if one was allocated.</param>
public sealed record ReviewLine(
    DateOnly Date,
    string Participation,
    ReviewPlacing Placing,
    int? Number,
    DateOnly? Due,
    bool OnTime,
    bool ShortBreak,
    bool ParticipationConflictsWithAge,
    string? IroId,
    string? Team);

/// <param name="Reviews">Every review that stands, in date order.</param>
/// <param name="NextDue">The next review's due date while the child is in a period of care that will still be
/// open on it; none otherwise.</param>
/// <param name="MissedDueDates">Due dates that passed in ended periods of care without a review.</param>
/// <param name="CurrentIro">The latest IRO allocation.</param>
public sealed record ChildReviewsView(
    IReadOnlyList<ReviewLine> Reviews,
    int? NextNumber,
    DateOnly? NextDue,
    bool NextIsShortBreak,
    IReadOnlyList<DateOnly> MissedDueDates,
    IroAllocation? CurrentIro)
{
    public static ChildReviewsView Of(Child child, WorkingDays workingDays)
    {
        var schedule = ReviewSchedule.ForChild(child.Periods.Select(p => p.ToPeriodOfCare()), child.Reviews.Select(r => r.Date), workingDays);
        var placed = schedule.Periods
            .SelectMany(s => s.Reviews.Select(r => (Review: r, s.Period.IsShortBreak)))
            .ToDictionary(x => x.Review.Held);
        var lines = child.Reviews.Select(review =>
        {
            var iro = child.IroOn(review.Date);
            var conflicts = ReviewRules.AgeConflict(child.DateOfBirth, review.Date, review.Participation) is not null;
            if (placed.TryGetValue(review.Date, out var p))
                return new ReviewLine(review.Date, review.Participation, ReviewPlacing.InPeriodOfCare, p.Review.Number, p.Review.Due,
                    p.Review.OnTime, p.IsShortBreak, conflicts, iro?.IroId, iro?.Team);
            var placing = child.StandingOn(review.Date) == CareStanding.AwaitingCarePeriod
                ? ReviewPlacing.AwaitingCarePeriod
                : ReviewPlacing.OutsidePeriodOfCare;
            return new ReviewLine(review.Date, review.Participation, placing, null, null, false, false, conflicts, iro?.IroId, iro?.Team);
        }).ToList();

        var latest = schedule.Latest;
        var open = latest is not null && latest.Period.End is null;
        return new ChildReviewsView(
            lines,
            open ? latest!.NextNumber : null,
            open ? latest!.NextDue : null,
            open && latest!.Period.IsShortBreak,
            [.. schedule.Periods.Where(s => s.MissedDue is not null).Select(s => s.MissedDue!.Value)],
            child.IroAllocations.LastOrDefault());
    }
}
