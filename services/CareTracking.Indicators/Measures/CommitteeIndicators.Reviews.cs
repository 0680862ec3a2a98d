using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Measures;

// Reviews and IRO allocation on time (docs/measures.md).
public sealed partial class CommitteeIndicators
{
    private void Reviews(
        List<ChildInCare> children, ReportWindow window, IndicatorSwitches switches, OrderedDictionary<string, Measure> measures)
    {
        var held = new List<AssessedReview>();
        foreach (var c in children)
        {
            foreach (var r in c.Reviews)
            {
                if (window.Contains(r.Review.Date) && (r.Clock == ReviewClock.PeriodOfCare || !switches.LeaveShortBreakReviewsOutOfTimeliness))
                {
                    held.Add(r);
                }
            }
        }

        measures["reviewsOnTimePct"] = Measure.Percent(held.Count(r => r.Review.Date <= r.Due), held.Count);

        foreach (var code in CodeGroups.ParticipationCodes)
        {
            measures[$"participation.{code}"] = Measure.Percent(held.Count(r => r.Review.ParticipationCode == code), held.Count);
        }

        // Participation is asked of children aged 4 or over on the review date; a review without a
        // code counts against it, since participation was not recorded.
        var ageFourPlus = held.Where(r => r.AgedFourPlus).ToList();
        measures["childParticipatedPct"] = Measure.Percent(
            ageFourPlus.Count(r => CodeGroups.ChildParticipated(r.Review.ParticipationCode)), ageFourPlus.Count);

        var started = 0;
        var allocatedInTime = 0;
        foreach (var c in children)
        {
            foreach (var p in c.PeriodStarts)
            {
                if (!window.Contains(p.Period.Start))
                {
                    continue;
                }

                started++;
                if (p.FirstAllocation is { } on && on <= reviewTimeliness.IroAllocationDeadline(p.Period.Start))
                {
                    allocatedInTime++;
                }
            }
        }

        measures["iroAllocatedIn5DaysPct"] = Measure.Percent(allocatedInTime, started);
    }
}
