using CareTracking.Indicators.Comparisons;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Model;
using CareTracking.Indicators.Reference;
using CareTracking.Ssda903.Calendar;

namespace CareTracking.Indicators.Committee;

/// <summary>Committee reports and trends for the caller's authority, from the projected events.</summary>
public sealed class CommitteeReports(ProjectedEvents events, ReferenceData reference, ComparisonData comparisons, CommitteeIndicators indicators, IndicatorSwitches switches, WorkingDays workingDays)
{
    public async Task<CommitteeResponse> ReportAsync(string authority, ReportWindow window, CancellationToken ct)
    {
        var children = await RecordsAsync(authority, window.KnownAt, ct);
        var report = Compute(children, window, await reference.FiguresAsync(authority, ct));
        var benchmarks = (await BenchmarksAsync(authority, window.KnownAt, ct))
            .Where(b => b.Year == window.CollectionYear && report.Measures.ContainsKey(b.Measure))
            .ToDictionary(b => b.Measure, b => new Benchmark(b.National, b.Comparator, b.Source));
        return new CommitteeResponse(report.AsAt, report.From, report.To, report.KnownAt, report.Measures,
            report.Measures.Keys.ToDictionary(k => k, k => MeasureDefinitions.For(k)?.Text ?? ""),
            report.SwitchesInForce, benchmarks);
    }

    /// <summary>The measure at each 31 March from <paramref name="from"/> to <paramref name="to"/>, each over its collection year.</summary>
    public async Task<TrendResponse> TrendAsync(string authority, string measure, int from, int to, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var children = await RecordsAsync(authority, knownAt, ct);
        var figures = await reference.FiguresAsync(authority, ct);
        var benchmarks = (await BenchmarksAsync(authority, knownAt, ct)).Where(b => b.Measure == measure).ToDictionary(b => b.Year);
        var points = new List<TrendPoint>();
        for (var year = from; year <= to; year++)
        {
            var report = Compute(children, ReportWindow.ForYear(year) with { KnownAt = knownAt }, figures);
            if (!report.Measures.TryGetValue(measure, out var value))
                throw new ServiceDefaults.Problems.RuleViolation("measure", "trend.measure",
                    $"'{measure}' is not a committee measure; use a key of the committee report, e.g. cla or placementMix.fosterOther.");
            var benchmark = benchmarks.GetValueOrDefault(year);
            points.Add(new TrendPoint(year, report.AsAt, value.Value, value.Numerator, value.Denominator, benchmark?.National, benchmark?.Comparator));
        }
        return new TrendResponse(measure, MeasureDefinitions.For(measure)?.Text ?? "", knownAt, MeasureDefinitions.SwitchesInForce(switches), points);
    }

    /// <summary>The measure as at each of <paramref name="monthEnds"/>, each over the 12 months ending it (MonthlyTrend).</summary>
    public async Task<MonthlyTrendResponse> MonthlyTrendAsync(string authority, string measure, IReadOnlyList<DateOnly> monthEnds, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var children = await RecordsAsync(authority, knownAt, ct);
        var figures = await reference.FiguresAsync(authority, ct);
        var benchmarks = (await BenchmarksAsync(authority, knownAt, ct)).Where(b => b.Measure == measure).ToDictionary(b => b.Year);
        var points = new List<MonthlyTrendPoint>();
        var withheld = new List<DateOnly>();
        foreach (var asAt in monthEnds)
        {
            var window = ReportWindow.EndingOn(asAt) with { KnownAt = knownAt };
            var report = Compute(children, window, figures);
            if (!report.Measures.TryGetValue(measure, out var value))
                throw new ServiceDefaults.Problems.RuleViolation("measure", "trend.measure",
                    $"'{measure}' is not a committee measure; use a key of the committee report, e.g. cla or placementMix.fosterOther.");
            var benchmark = asAt is { Month: 3, Day: 31 } ? benchmarks.GetValueOrDefault(asAt.Year) : null;
            points.Add(new MonthlyTrendPoint(asAt, window.From, value.Value, value.Numerator, value.Denominator, benchmark?.National, benchmark?.Comparator));
            if (Exports.SmallNumbers.WithheldKeys(report.Measures).Contains(measure)) withheld.Add(asAt);
        }
        return new MonthlyTrendResponse(measure, MeasureDefinitions.For(measure)?.Text ?? "", knownAt, MeasureDefinitions.SwitchesInForce(switches), points, withheld);
    }

    /// <summary>
    /// Known now: the shipped and uploaded benchmark rows. As known at an instant: only figures whose publication can
    /// be dated, England's and the statistical neighbours' mean from the DfE releases loaded, each as published by
    /// then, because the DfE revises its figures and an undated row may be a later revision than the committee saw.
    /// </summary>
    private async Task<IReadOnlyList<BenchmarkRow>> BenchmarksAsync(string authority, DateTimeOffset? knownAt, CancellationToken ct)
    {
        if (knownAt is null) return await reference.BenchmarksAsync(authority, ct);
        var known = new Comparators(await comparisons.PublishedAsync(authority, ct), knownAt);
        var neighbours = await comparisons.NeighboursAsync(authority, ct);
        return [.. known.Published
            .Select(f => (f.Measure, f.Year)).Distinct()
            .Select(k => (k.Measure, k.Year, England: known.Figure(DfePublishedCsv.EnglandCode, k.Measure, k.Year),
                Neighbours: known.Of(neighbours, k.Measure, k.Year)))
            .Select(b => new BenchmarkRow(b.Measure, b.Year, b.England?.Value,
                b.Neighbours is { Year: var y, MembersWithFigure: > 0 } n && y == b.Year ? n.Value : null,
                b.England is { } e ? $"{e.Release}, published {e.PublishedOn:yyyy-MM-dd}" : null))
            .Where(b => b.National is not null || b.Comparator is not null)];
    }

    // Each loaded copy of an authority's events split by child, with the histories folded from it: reused
    // until something new is projected, when the events are reloaded and this entry goes with the old copy.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<ProjectedEvent>, AuthorityHistories> histories = new();

    public async Task<IReadOnlyList<ChildRecord>> RecordsAsync(string authority, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var loaded = await events.LoadAsync(authority, ct);
        return histories.GetValue(loaded, l => AuthorityHistories.Of(authority, l)).KnownAt(knownAt);
    }

    private CommitteeReport Compute(IReadOnlyList<ChildRecord> children, ReportWindow window, ReferenceFigures figures) =>
        Compute(indicators, children, window, switches, figures, workingDays);

    /// <summary>The committee report: <see cref="CommitteeIndicators"/>' measures, then the health and the care-leaver
    /// measures of the same children after them, with all their definitions. Pure.</summary>
    public static CommitteeReport Compute(
        CommitteeIndicators indicators, IReadOnlyList<ChildRecord> children, ReportWindow window, IndicatorSwitches switches, ReferenceFigures figures, WorkingDays workingDays)
    {
        var report = indicators.Compute(children.Select(c => c.History), window, switches, figures);
        var measures = new OrderedDictionary<string, Measure>();
        foreach (var (key, value) in report.Measures) measures[key] = value;
        foreach (var (key, value) in HealthIndicators.Compute(children.Select(c => new ChildHealthRecord(c.History, c.Health)), window, workingDays))
            measures[key] = value;
        foreach (var (key, value) in CareLeaverIndicators.Compute(children.Select(c => new CareLeaverRecord(c.History, c.CareLeaver)), window))
            measures[key] = value;
        return report with { Measures = measures, Definitions = [.. report.Definitions, .. HealthAndCareLeaverDefinitions.All] };
    }
}
