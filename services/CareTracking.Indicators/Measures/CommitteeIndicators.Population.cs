using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Measures;

// The population: children looked after, starting and ceasing (by reason, adopted), rates, UASC, placement mix,
// fostering by provider and placement location (docs/measures.md).
public sealed partial class CommitteeIndicators
{
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
}
