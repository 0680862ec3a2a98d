using CareTracking.Ssda903.Episodes;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// The Corporate Parenting Committee indicators exactly as docs/measures.md defines them, computed from the
/// children's histories in 903 terms. Pure: the same histories, window, switches and reference figures
/// always give the same report.
/// </summary>
public sealed class CommitteeIndicators(IReviewTimeliness reviewTimeliness)
{
    private static readonly TimeSpan ReturnInterviewLimit = TimeSpan.FromHours(72);

    // Each history's window-free building blocks (periods, placements, incidents' UK dates, reviews
    // against their due dates), kept beside the history for as long as it lives: a cached history serves
    // report after report, and a new history is a new key.
    private readonly ConditionalWeakTable<ChildHistory, ChildInCare> inCare = new();

    private const int ParallelFrom = 256;

    public CommitteeReport Compute(
        IEnumerable<ChildHistory> children,
        ReportWindow window,
        IndicatorSwitches switches,
        ReferenceFigures reference)
    {
        var inCare = InCare(children.ToList(), switches);
        var measures = new OrderedDictionary<string, Measure>();

        Population(inCare, window, reference, measures);
        Stability(inCare, window, measures);
        MissingAndAway(inCare, window, switches, measures);
        Reviews(inCare, window, switches, measures);
        AdoptionIndicators.Add([.. inCare.Select(c => c.History)], window, measures);

        return new CommitteeReport(
            window.AsAt,
            window.From,
            window.To,
            window.KnownAt,
            measures,
            MeasureDefinitions.All,
            MeasureDefinitions.SwitchesInForce(switches));
    }

    /// <summary>The building blocks of each history, worked out for those not seen before on both cores.</summary>
    private List<ChildInCare> InCare(List<ChildHistory> histories, IndicatorSwitches switches)
    {
        var result = new ChildInCare[histories.Count];
        var missing = new List<int>();
        for (var i = 0; i < histories.Count; i++)
        {
            if (inCare.TryGetValue(histories[i], out var known) && known.Switches == switches)
            {
                result[i] = known;
            }
            else
            {
                missing.Add(i);
            }
        }

        void Build(int from, int to)
        {
            for (var m = from; m < to; m++)
            {
                var i = missing[m];
                result[i] = new ChildInCare(histories[i], switches, reviewTimeliness);
                inCare.AddOrUpdate(histories[i], result[i]);
            }
        }

        // Splitting a handful of children across threads costs more than it saves.
        if (missing.Count < ParallelFrom)
        {
            Build(0, missing.Count);
        }
        else
        {
            Parallel.ForEach(Partitioner.Create(0, missing.Count, Math.Max(ParallelFrom / 4, missing.Count / (4 * Environment.ProcessorCount))),
                range => Build(range.Item1, range.Item2));
        }

        return [.. result];
    }

    private static void Population(
        List<ChildInCare> children, ReportWindow window, ReferenceFigures reference, OrderedDictionary<string, Measure> measures)
    {
        var asAt = window.AsAt;
        var lookedAfter = new List<(ChildInCare Child, EpisodeRow Episode)>();
        foreach (var c in children)
        {
            if (c.EpisodeOn(asAt) is { } episode)
            {
                lookedAfter.Add((c, episode));
            }
        }

        measures["cla"] = Measure.Count(lookedAfter.Count);

        // Several LAs in one report share one denominator; a missing estimate for any of them leaves the
        // rate unknown rather than overstated.
        var authorities = children.Select(c => c.History.Authority).Distinct().ToList();
        var populations = authorities.Select(a => reference.PopulationOf(a, window.CollectionYear)).ToList();
        int? population = populations.Count > 0 && populations.All(p => p is not null) ? populations.Sum() : null;
        measures["ratePer10k"] = Measure.Rate(lookedAfter.Count, population, 10_000);

        var started = children.Count(c => c.Periods.Any(p => window.Contains(p.Start)));
        measures["started"] = Measure.Count(started);
        // Committees compare flows between authorities of different sizes by rate, as the DfE does.
        measures["startedPer10k"] = Measure.Rate(started, population, 10_000);

        var lastEndings = new List<PeriodOfCare>();
        foreach (var c in children)
        {
            PeriodOfCare? last = null;
            foreach (var p in c.Periods)
            {
                if (p.EndedIn(window) && (last is null || p.End > last.End))
                {
                    last = p;
                }
            }

            if (last is not null)
            {
                lastEndings.Add(last);
            }
        }

        var adopted = lastEndings.Count(p => CodeGroups.CeasedReasonGroupOf(p.ReasonEnded) == "adopted");
        measures["ceased"] = Measure.Count(lastEndings.Count);
        measures["ceasedPer10k"] = Measure.Rate(lastEndings.Count, population, 10_000);
        measures["ceasedAdopted"] = Measure.Count(adopted);
        measures["ceasedAdoptedPct"] = Measure.Percent(adopted, lastEndings.Count);
        foreach (var group in CodeGroups.CeasedReasonGroups)
        {
            var count = lastEndings.Count(p => CodeGroups.CeasedReasonGroupOf(p.ReasonEnded) == group);
            measures[$"ceasedByReason.{group}"] = Measure.Percent(count, lastEndings.Count);
        }

        measures["uasc"] = Measure.Count(lookedAfter.Count(c =>
            c.Child.History.Uasc.Any(s => s.From <= asAt && (s.Ceased is null || s.Ceased > asAt))));

        var placesAtAsAt = lookedAfter.Select(c => c.Episode).ToList();
        foreach (var group in CodeGroups.PlacementGroups)
        {
            var count = placesAtAsAt.Count(e => CodeGroups.PlacementGroupOf(e.Place) == group);
            measures[$"placementMix.{group}"] = Measure.Percent(count, lookedAfter.Count);
        }

        var fostered = placesAtAsAt.Where(e => CodeGroups.IsFoster(e.Place)).ToList();
        foreach (var provider in CodeGroups.FosteringProviders)
        {
            var count = fostered.Count(e => CodeGroups.FosteringProviderOf(e.PlaceProvider) == provider);
            measures[$"fosteringByProvider.{provider}"] = Measure.Percent(count, fostered.Count);
        }

        PlacementLocationMeasures.Add(lookedAfter, measures);
    }

    private static void Stability(List<ChildInCare> children, ReportWindow window, OrderedDictionary<string, Measure> measures)
    {
        var asAt = window.AsAt;
        var cohort = children.Where(c => c.LookedAfterOn(asAt)).ToList();
        var threePlus = cohort.Count(c => c.Placements.Count(p => p.OpenDuring(window)) >= 3);
        measures["threePlusPlacementsPct"] = Measure.Percent(threePlus, cohort.Count);

        var inCareSince = asAt.AddMonths(-30);
        var placedSince = asAt.AddYears(-2);
        var longTermCohort = cohort
            .Where(c => c.AgeOn(asAt) is < 16)
            .Where(c => c.PeriodOn(asAt)!.Start <= inCareSince)
            .ToList();
        var stable = longTermCohort.Count(c => LongTermStable(c, asAt, placedSince));
        measures["longTermStabilityPct"] = Measure.Percent(stable, longTermCohort.Count);

        // A move is a placement that ends in the window and is followed by another in the same period of
        // care; a placement that ends because care ended is not a move.
        var moves = children
            .SelectMany(c => c.Placements
                .Where(p => p.End is { } end && window.Contains(end))
                .Where(p => !ReferenceEquals(p.PeriodOfCare.Episodes[^1], p.Episodes[^1])))
            .ToList();
        measures["placementMoves"] = Measure.Count(moves.Count);
        foreach (var reason in PlacementChangeReasons.All)
        {
            var count = moves.Count(p => PlacementChangeReasons.Of(p.ReasonPlaceChange) == reason);
            measures[$"placementMovesByReason.{reason}"] = Measure.Percent(count, moves.Count);
        }
    }

    private static bool LongTermStable(ChildInCare child, DateOnly asAt, DateOnly placedSince)
    {
        var current = child.PlacementOn(asAt)!;
        if (current.Start <= placedSince)
        {
            return true;
        }

        if (!CodeGroups.IsPlacedForAdoption(child.EpisodeOn(asAt)!.Place))
        {
            return false;
        }

        // Placed for adoption: the adoptive placement and the one immediately before it, in the same
        // period of care, together last at least two years.
        var inPeriod = child.Placements.Where(p => p.PeriodOfCare == current.PeriodOfCare).ToList();
        var index = inPeriod.IndexOf(current);
        return index > 0 && inPeriod[index - 1].Start <= placedSince;
    }

    private static void MissingAndAway(
        List<ChildInCare> children, ReportWindow window, IndicatorSwitches switches, OrderedDictionary<string, Measure> measures)
    {
        // Only incidents of children looked after (not on a short break) on the day the incident began.
        var incidents = new List<(ChildInCare Child, CountedIncident Incident)>();
        foreach (var c in children)
        {
            foreach (var i in c.Incidents)
            {
                incidents.Add((c, i));
            }
        }

        var startedInWindow = incidents.Where(i => window.Contains(i.Incident.StartDate)).ToList();
        var lookedAfterDuring = children.Count(c => c.LookedAfterDuring(window));

        foreach (var (kind, name) in new[] { (MissingKind.Missing, "missing"), (MissingKind.Away, "away") })
        {
            var ofKind = startedInWindow.Where(i => i.Incident.Incident.Kind == kind).ToList();
            var childCount = ofKind.Select(i => i.Child).Distinct().Count();
            measures[$"{name}Incidents"] = Measure.Count(ofKind.Count);
            measures[$"children{Capitalised(name)}"] = Measure.Count(childCount);
            measures[$"children{Capitalised(name)}Pct"] = Measure.Percent(childCount, lookedAfterDuring);
            measures[$"incidentsPer{Capitalised(name)}Child"] = Measure.Ratio(ofKind.Count, childCount);
            measures[$"{name}AtAsAt"] = Measure.Count(incidents.Count(i =>
                i.Incident.Incident.Kind == kind
                && i.Incident.StartDate <= window.AsAt
                && (i.Incident.EndDate is not { } end || end > window.AsAt)
                && i.Child.LookedAfterOn(window.AsAt)));
        }

        // Returns only: an episode closed at the end of care (the child not found) ends but is not a return.
        var returns = incidents
            .Where(i => i.Incident.Incident.Kind == MissingKind.Missing || switches.AwayIncidentsInReturnInterviews)
            .Where(i => i.Incident.Incident.End is not null && i.Incident.EndDate is { } end && window.Contains(end))
            .Select(i => i.Incident.Incident)
            .ToList();
        var offeredInTime = returns.Count(m =>
            m.FirstReturnInterviewAt is { } offered && offered - m.End!.Value <= ReturnInterviewLimit);
        measures["returnInterviewOfferedIn72hPct"] = Measure.Percent(offeredInTime, returns.Count);
        measures["returnInterviewAcceptedPct"] =
            Measure.Percent(returns.Count(m => m.InterviewAccepted || m.InterviewCompleted), returns.Count);
        measures["returnInterviewCompletedPct"] = Measure.Percent(returns.Count(m => m.InterviewCompleted), returns.Count);

        var missingStarts = startedInWindow
            .Where(i => i.Incident.Incident.Kind == MissingKind.Missing)
            .GroupBy(i => i.Child)
            .Select(g => g.Select(i => i.Incident.StartDate).Order().ToList())
            .ToList();
        measures["repeatMissing30Days"] = Measure.Count(missingStarts.Count(s => ThreeStartsWithin(s, 29)));
        measures["repeatMissing90Days"] = Measure.Count(missingStarts.Count(s => ThreeStartsWithin(s, 89)));

        var missingInWindow = startedInWindow.Where(i => i.Incident.Incident.Kind == MissingKind.Missing).Select(i => i.Incident).ToList();
        foreach (var band in DurationBands)
        {
            var count = missingInWindow.Count(m => DurationBandOf(m, window) == band);
            measures[$"missingDuration.{band}"] = Measure.Percent(count, missingInWindow.Count);
        }
    }

    private static string Capitalised(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>Three starts whose third is at most <paramref name="days"/> days after the first.</summary>
    private static bool ThreeStartsWithin(List<DateOnly> starts, int days) =>
        Enumerable.Range(0, Math.Max(0, starts.Count - 2))
            .Any(i => starts[i + 2].DayNumber - starts[i].DayNumber <= days);

    private static readonly string[] DurationBands = ["under24Hours", "oneToTwoDays", "threeToSixDays", "sevenDaysOrMore", "open"];

    // Bands are whole days of 24 hours: 1–2 days is 24 h up to 72 h, 3–6 days is 72 h up to 168 h. An episode
    // closed at the end of care lasts until care ended, the start of that UK day.
    private static string DurationBandOf(CountedIncident incident, ReportWindow window)
    {
        if (incident.EndDate is not { } endDate || endDate > window.To)
        {
            return "open";
        }

        var end = incident.Incident.End ?? UkLocalDate.StartOf(endDate);

        var hours = (end - incident.Incident.Start).TotalHours;
        return hours switch
        {
            < 24 => "under24Hours",
            < 72 => "oneToTwoDays",
            < 168 => "threeToSixDays",
            _ => "sevenDaysOrMore",
        };
    }

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
