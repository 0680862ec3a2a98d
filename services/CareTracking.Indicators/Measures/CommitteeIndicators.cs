using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CareTracking.Indicators.Model;
using CareTracking.Ssda903.Calendar;
using CareTracking.Ssda903.Episodes;

namespace CareTracking.Indicators.Measures;

/// <summary>
/// The Corporate Parenting Committee indicators exactly as docs/measures.md defines them, computed from the
/// children's histories in 903 terms. Pure: the same histories, window, switches and reference figures
/// always give the same report. One file per measure family: CommitteeIndicators.Population, .Stability, .Missing
/// and .Reviews.
/// </summary>
public sealed partial class CommitteeIndicators(IReviewTimeliness reviewTimeliness)
{
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
}
