using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Reference;

namespace CareTracking.Indicators.Committee;

/// <summary>A committee report as served: the figures, the definition of each, the switches in force and
/// the national and comparator figures for the collection year.</summary>
public sealed record CommitteeResponse(
    DateOnly AsAt,
    DateOnly From,
    DateOnly To,
    DateTimeOffset? KnownAt,
    IReadOnlyDictionary<string, Measure> Measures,
    IReadOnlyDictionary<string, string> Definitions,
    IReadOnlyList<string> Switches,
    IReadOnlyDictionary<string, Benchmark> Benchmarks);

public sealed record Benchmark(decimal? National, decimal? Comparator, string? Source);

public sealed record TrendPoint(int Year, DateOnly AsAt, decimal? Value, int? Numerator, int? Denominator, decimal? National, decimal? Comparator);

public sealed record TrendResponse(string Measure, string Definition, DateTimeOffset? KnownAt, IReadOnlyList<string> Switches, IReadOnlyList<TrendPoint> Points);

/// <summary>Committee reports and trends for the caller's authority, from the projected events.</summary>
public sealed class CommitteeReports(ProjectedEvents events, ReferenceData reference, CommitteeIndicators indicators, IndicatorSwitches switches)
{
    public async Task<CommitteeResponse> ReportAsync(string authority, ReportWindow window, CancellationToken ct)
    {
        var children = await HistoriesAsync(authority, window.KnownAt, ct);
        var report = indicators.Compute(children, window, switches, await reference.FiguresAsync(authority, ct));
        var benchmarks = (await reference.BenchmarksAsync(authority, ct))
            .Where(b => b.Year == window.CollectionYear && report.Measures.ContainsKey(b.Measure))
            .ToDictionary(b => b.Measure, b => new Benchmark(b.National, b.Comparator, b.Source));
        return new CommitteeResponse(report.AsAt, report.From, report.To, report.KnownAt, report.Measures,
            report.Measures.Keys.ToDictionary(k => k, k => MeasureDefinitions.For(k)?.Text ?? ""),
            report.SwitchesInForce, benchmarks);
    }

    /// <summary>The measure at each 31 March from <paramref name="from"/> to <paramref name="to"/>, each over its collection year.</summary>
    public async Task<TrendResponse> TrendAsync(string authority, string measure, int from, int to, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var children = await HistoriesAsync(authority, knownAt, ct);
        var figures = await reference.FiguresAsync(authority, ct);
        var benchmarks = (await reference.BenchmarksAsync(authority, ct)).Where(b => b.Measure == measure).ToDictionary(b => b.Year);
        var points = new List<TrendPoint>();
        for (var year = from; year <= to; year++)
        {
            var report = indicators.Compute(children, ReportWindow.ForYear(year) with { KnownAt = knownAt }, switches, figures);
            if (!report.Measures.TryGetValue(measure, out var value))
                throw new ServiceDefaults.Problems.RuleViolation("measure", "trend.measure",
                    $"'{measure}' is not a committee measure; use a key of the committee report, e.g. cla or placementMix.fosterOther.");
            var benchmark = benchmarks.GetValueOrDefault(year);
            points.Add(new TrendPoint(year, report.AsAt, value.Value, value.Numerator, value.Denominator, benchmark?.National, benchmark?.Comparator));
        }
        return new TrendResponse(measure, MeasureDefinitions.For(measure)?.Text ?? "", knownAt, MeasureDefinitions.SwitchesInForce(switches), points);
    }

    // Histories as known now, per loaded copy of an authority's events: reused until something new is projected.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<ProjectedEvent>, IReadOnlyList<ChildRecord>> current = new();

    public async Task<IReadOnlyList<ChildRecord>> RecordsAsync(string authority, DateTimeOffset? knownAt, CancellationToken ct)
    {
        var loaded = await events.LoadAsync(authority, ct);
        return knownAt is null
            ? current.GetValue(loaded, l => ChildHistories.Build(authority, l, null))
            : ChildHistories.Build(authority, loaded, knownAt);
    }

    private async Task<IReadOnlyList<Model.ChildHistory>> HistoriesAsync(string authority, DateTimeOffset? knownAt, CancellationToken ct) =>
        [.. (await RecordsAsync(authority, knownAt, ct)).Select(r => r.History)];
}
