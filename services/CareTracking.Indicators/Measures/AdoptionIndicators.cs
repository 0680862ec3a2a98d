using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Episodes;
using CareTracking.Ssda903.Permanence;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// The adoption scorecard and permanence measures of docs/measures.md ("Adoption and permanence"): A1, A2, A10
/// for the report's year and the three collection years ending with it, against their thresholds; the share
/// within 426 days; A6; A7; decisions waiting; reversals; adoptions, SGOs, decisions and matches in the year;
/// and social-worker changes. Pure: the same histories and window always give the same figures.
/// </summary>
public static class AdoptionIndicators
{
    /// <summary>A1, A10 and the "within" share: 14 months.</summary>
    public const int MovingInThresholdDays = 426;

    /// <summary>A2: 4 months.</summary>
    public const int MatchThresholdDays = 121;

    /// <summary>One child adopted: the period of care that ended in the order, with the scorecard's day counts
    /// (null when the history lacks the date the count starts or ends on).</summary>
    internal sealed record Adoption(
        DateOnly OrderDate, int? EnteredToMovedIn, int? EnteredToMovedInAdjusted, int? AuthorityToMatch, bool? MinorityEthnic, bool? AgedFiveOrOver);

    public static void Add(IReadOnlyList<ChildHistory> children, ReportWindow window, OrderedDictionary<string, Measure> measures)
    {
        var periods = children.Select(c => (Child: c, Periods: PeriodOfCare.From(c.Episodes.Where(e => !CodeGroups.IsShortBreak(e.Ls))))).ToList();
        var threeYearsFrom = window.From.AddYears(-2);
        var adoptions = periods.SelectMany(c => c.Periods.Where(IsAdoption).Select(p => AdoptionOf(c.Child, p))).ToList();
        var inYear = adoptions.Where(a => window.Contains(a.OrderDate)).ToList();
        var inThreeYears = adoptions.Where(a => a.OrderDate >= threeYearsFrom && a.OrderDate <= window.To).ToList();

        measures["adoptions"] = Measure.Count(inYear.Count);
        measures["adoptions3y"] = Measure.Count(inThreeYears.Count);
        measures["specialGuardianshipOrders"] = Measure.Count(periods.Sum(c => c.Periods.Count(p =>
            p.EndedIn(window) && CodeGroups.CeasedReasonGroupOf(p.ReasonEnded) == "specialGuardianship")));

        foreach (var (key, days, threshold) in new (string, Func<Adoption, int?>, int)[]
        {
            ("adoptionA1Days", a => a.EnteredToMovedIn, MovingInThresholdDays),
            ("adoptionA2Days", a => a.AuthorityToMatch, MatchThresholdDays),
            ("adoptionA10Days", a => a.EnteredToMovedInAdjusted, MovingInThresholdDays),
        })
        {
            foreach (var (suffix, group) in new[] { ("", inYear), ("3y", inThreeYears) })
            {
                var average = AverageDays([.. group.Select(days).OfType<int>()]);
                measures[key + suffix] = average;
                measures[key + suffix + "VsThreshold"] = new Measure(average.Value - threshold, null, null);
            }
        }
        measures["adoptionA2NotMeasured"] = Measure.Count(inYear.Count(a => a.AuthorityToMatch is null));

        foreach (var (suffix, group) in new[] { ("", inYear), ("3y", inThreeYears) })
        {
            var adjusted = group.Where(a => a.EnteredToMovedInAdjusted is not null).ToList();
            measures["adoptionWithin426DaysPct" + suffix] = Measure.Percent(adjusted.Count(a => a.EnteredToMovedInAdjusted <= MovingInThresholdDays), adjusted.Count);
            var ethnicityKnown = group.Where(a => a.MinorityEthnic is not null).ToList();
            measures["adoptionMinorityEthnicPct" + suffix] = Measure.Percent(ethnicityKnown.Count(a => a.MinorityEthnic == true), ethnicityKnown.Count);
            var ageKnown = group.Where(a => a.AgedFiveOrOver is not null).ToList();
            measures["adoptionAgedFivePlusPct" + suffix] = Measure.Percent(ageKnown.Count(a => a.AgedFiveOrOver == true), ageKnown.Count);
        }

        Decisions(periods, window, measures);
        SocialWorkers(children, window, measures);
    }

    private static bool IsAdoption(PeriodOfCare period) => period.End is not null && period.ReasonEnded is "E11" or "E12";

    /// <summary>The child's periods of care (short breaks left out) that ended in an adoption order (REC E11/E12),
    /// as the scorecard counts adoptions; the 903 AD1 table has the same children.</summary>
    internal static IEnumerable<PeriodOfCare> AdoptionsOf(ChildHistory child) =>
        PeriodOfCare.From(child.Episodes.Where(e => !CodeGroups.IsShortBreak(e.Ls))).Where(IsAdoption);

    /// <summary>The match the adoption followed: the last one made between entering care and the order.</summary>
    internal static AdoptionMatchRow? MatchOf(ChildHistory child, PeriodOfCare period) =>
        child.PermanenceOrNone.Matches.LastOrDefault(m => m.DateMatch >= period.Start && m.DateMatch <= period.End!.Value);

    internal static Adoption AdoptionOf(ChildHistory child, PeriodOfCare period)
    {
        var order = period.End!.Value;
        var entered = period.Start;
        var firstAdoptive = period.Episodes.FirstOrDefault(e => CodeGroups.IsPlacedForAdoption(e.Place));
        var match = MatchOf(child, period);

        // A10: adopted by the foster carers (A3/A5, or AD1 FOSTER_CARE) counts from the day the child moved in
        // with them, the start of the same-carer run ending in the adoption. That run is the carers', whatever
        // the same-carer switch says about counting placements.
        var byFosterCarers = firstAdoptive?.Place is "A3" or "A5" || match?.FosterCare == true;
        DateOnly? movedIn = firstAdoptive?.Decom;
        var movedInAdjusted = byFosterCarers
            ? Placement.Within(period, IndicatorSwitches.Default)[^1].Start
            : movedIn;

        // A2: court authority to place is the placement order (the first LS E1 episode of the period) or, with no
        // order in the period, the parents' consent under the decision the match followed. An order after consent
        // means the consent was withdrawn or overtaken, so the order is the authority the child was placed under.
        var placementOrder = period.Episodes.FirstOrDefault(e => e.Ls == "E1")?.Decom;
        var consent = match is null ? null : child.PermanenceOrNone.PlacedAdoption
            .LastOrDefault(d => d.DatePlaced == match.DateInt)?.ConsentedOn;
        var authorityToPlace = placementOrder ?? (consent >= period.Start ? consent : null);

        return new Adoption(
            order,
            movedIn is { } m ? m.DayNumber - entered.DayNumber : null,
            movedInAdjusted is { } a ? a.DayNumber - entered.DayNumber : null,
            authorityToPlace is { } authority && match is not null ? match.DateMatch.DayNumber - authority.DayNumber : null,
            MinorityEthnicity(child.Ethnicity),
            child.DateOfBirth is { } born ? Age.InWholeYears(born, order) >= 5 : null);
    }

    /// <summary>A6: ETHNIC not beginning W; not obtained (NOBT), refused (REFU) or absent is unknown.</summary>
    private static bool? MinorityEthnicity(string? ethnicity) =>
        ethnicity is null or "NOBT" or "REFU" ? null : !ethnicity.StartsWith('W');

    /// <summary>Average in whole days (halves away from zero) with the total days and the children it is over.</summary>
    private static Measure AverageDays(IReadOnlyList<int> days) =>
        new(days.Count == 0 ? null : Math.Round((decimal)days.Sum() / days.Count, 0, MidpointRounding.AwayFromZero), days.Sum(), days.Count);

    private static void Decisions(
        List<(ChildHistory Child, IReadOnlyList<PeriodOfCare> Periods)> children, ReportWindow window, OrderedDictionary<string, Measure> measures)
    {
        var asAt = window.AsAt;
        var placed = children.SelectMany(c => c.Child.PermanenceOrNone.PlacedAdoption.Select(row => (c.Child, Row: row))).ToList();
        measures["adoptionDecisions"] = Measure.Count(placed.Count(p => window.Contains(p.Row.DatePlaced)));
        measures["adoptionMatches"] = Measure.Count(children.Sum(c => c.Child.PermanenceOrNone.Matches.Count(m => window.Contains(m.DateMatch))));

        // Waiting at D: a decision standing at D for a child looked after at D who is not placed for adoption.
        var waiting = new List<int>();
        foreach (var (child, periods) in children)
        {
            var decision = child.PermanenceOrNone.PlacedAdoption.LastOrDefault(r =>
                r.DatePlaced <= asAt && (r.DatePlacedCeased is null || r.DatePlacedCeased > asAt));
            var episode = periods.SelectMany(p => p.Episodes).FirstOrDefault(e => e.Decom <= asAt && (e.Dec is null || e.Dec > asAt));
            if (decision is not null && episode is not null && !CodeGroups.IsPlacedForAdoption(episode.Place))
                waiting.Add(asAt.DayNumber - decision.DatePlaced.DayNumber);
        }
        measures["adoptionDecisionNotPlaced"] = Measure.Count(waiting.Count);
        measures["adoptionDecisionNotPlacedAvgDays"] = AverageDays(waiting);
        measures["adoptionDecisionNotPlacedLongestDays"] = new Measure(waiting.Count == 0 ? null : waiting.Max(), null, null);

        var reversed = placed.Where(p => p.Row.DatePlacedCeased is { } ceased && window.Contains(ceased)).ToList();
        measures["adoptionDecisionsReversed"] = Measure.Count(reversed.Count);
        foreach (var reason in PermanenceCodes.ReversalReasons.Keys)
            measures[$"adoptionDecisionsReversedByReason.{reason}"] = Measure.Percent(reversed.Count(p => p.Row.ReasonPlacedCeased == reason), reversed.Count);
    }

    private static void SocialWorkers(IReadOnlyList<ChildHistory> children, ReportWindow window, OrderedDictionary<string, Measure> measures)
    {
        var asAt = window.AsAt;
        // The cohort of the stability measures: children looked after at the end of the window, not on a short break.
        var cohort = children.Where(c => c.Episodes.Any(e => !CodeGroups.IsShortBreak(e.Ls) && e.Decom <= asAt && (e.Dec is null || e.Dec > asAt))).ToList();
        var workersInWindow = cohort
            .Select(c => c.PermanenceOrNone.SocialWorkers.Count(w => w.Start <= window.To && (w.End is null || w.End > window.From)))
            .ToList();
        measures["socialWorkerThreePlusPct"] = Measure.Percent(workersInWindow.Count(n => n >= 3), cohort.Count);
        measures["socialWorkerChangesPerChild"] = Measure.Ratio(workersInWindow.Sum(n => Math.Max(0, n - 1)), cohort.Count);
        measures["socialWorkerNoneAtAsAt"] = Measure.Count(cohort.Count(c =>
            !c.PermanenceOrNone.SocialWorkers.Any(w => w.Start <= asAt && (w.End is null || w.End > asAt))));
    }
}
