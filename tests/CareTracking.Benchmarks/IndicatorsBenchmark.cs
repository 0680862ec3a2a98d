using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CareTracking.EventStore;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Comparisons;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Projections;
using CareTracking.Indicators.Reference;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.Ssda903.Calendar;
using CareTracking.Testing;
using Npgsql;
using NpgsqlTypes;

namespace CareTracking.Benchmarks;

/// <summary>
/// A synthetic national-scale history written straight into a fresh database with binary COPY, then the
/// Indicators projection rebuilt from position zero (events/s), then committee queries for one authority
/// (latency percentiles). Children's histories are plausible in shape (entering care, moves, legal status
/// changes, ceasing, reviews and IRO allocations, missing episodes with returns and interviews) and
/// deterministic (fixed seed), not a model of any real authority.
/// </summary>
public static class IndicatorsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var target = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        var authorities = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 150;
        var queries = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;

        var database = await TestStack.CreateDatabaseAsync("ct_bench");
        var registry = new EventTypeRegistry().RegisterAssembly(typeof(ChildEventsProjection).Assembly);
        await using var store = new DocumentStore(new StoreOptions(database, "benchmark"), registry);
        await store.ApplySchemaAsync();
        var projection = new ChildEventsProjection(store);
        await projection.EnsureSchemaAsync(CancellationToken.None);
        var reference = new ReferenceData(store);
        await reference.EnsureSchemaAsync(CancellationToken.None);
        var comparisons = new ComparisonData(store);
        await comparisons.EnsureSchemaAsync(CancellationToken.None);

        Console.WriteLine($"Generating about {target:N0} events for {authorities} authorities with binary COPY...");
        var clock = Stopwatch.StartNew();
        var written = await SyntheticHistory.WriteAsync(store, target, authorities);
        Console.WriteLine($"  wrote {written:N0} events in {clock.Elapsed.TotalSeconds:N1} s ({written / clock.Elapsed.TotalSeconds:N0} events/s)");
        await Execute(store, $"vacuum analyze {store.Schema}.mt_events");

        Console.WriteLine("Rebuilding the Indicators projection from position zero...");
        var rebuild = await new ProjectionRebuild(store, projection).RunAsync(CancellationToken.None);
        Console.WriteLine($"  rebuild: {rebuild.Events:N0} events in {rebuild.Seconds:N1} s = {rebuild.EventsPerSecond:N0} events/s (target >= 150,000)");
        await Execute(store, $"vacuum analyze {store.Schema}.ind_events");

        var authority = SyntheticHistory.AuthorityCode(0);
        var indicators = new CommitteeIndicators(new StatutoryReviewTimeliness(WorkingDays.England));
        // The synthetic history holds no sealed text; the development keys open nothing and cost one count per read.
        var keys = ChildDataKeys.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), "Testing");
        var events = new ProjectedEvents(store, keys);
        var reports = new CommitteeReports(events, reference, comparisons, indicators, IndicatorSwitches.Default, WorkingDays.England);
        var perAuthority = (await events.LoadAsync(authority, CancellationToken.None)).Count;
        Console.WriteLine($"Committee queries for authority {authority} ({perAuthority:N0} projected events):");

        // Cold: a new instance each time, so every query reads and deserializes the authority's events.
        var cold = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var fresh = new CommitteeReports(new ProjectedEvents(store, keys), reference, comparisons, indicators, IndicatorSwitches.Default, WorkingDays.England);
            var watch = Stopwatch.StartNew();
            await fresh.ReportAsync(authority, ReportWindow.ForYear(2025), CancellationToken.None);
            cold.Add(watch.Elapsed.TotalMilliseconds);
        }
        Print("  uncached (read + deserialize + fold + compute), 10 queries", cold);

        // Where a query's time goes, without the database, each step on its own.
        var loaded = await events.LoadAsync(authority, CancellationToken.None);
        var fold = new List<double>();
        var firstCompute = new List<double>();
        AuthorityHistories split = null!;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            split = AuthorityHistories.Of(authority, loaded);
            fold.Add(watch.Elapsed.TotalMilliseconds);
            var fresh = new CommitteeIndicators(new StatutoryReviewTimeliness(WorkingDays.England));
            var histories = split.Now.Select(r => r.History).ToList();
            watch.Restart();
            fresh.Compute(histories, ReportWindow.ForYear(2025), IndicatorSwitches.Default, ReferenceFigures.None);
            firstCompute.Add(watch.Elapsed.TotalMilliseconds);
        }
        Print("  split the events by child and fold each child's history as known now (once per load), 5 times", fold);
        Print("  first report over new histories (each child's periods, placements, incidents, reviews against due dates + the measures), 5 times", firstCompute);

        var now = split.Now.Select(r => r.History).ToList();
        var measuresOnly = new List<double>();
        var knownAtFold = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            indicators.Compute(now, ReportWindow.EndingOn(new DateOnly(2020, 1, 1).AddDays(7 * i)), IndicatorSwitches.Default, ReferenceFigures.None);
            measuresOnly.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            split.KnownAt(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero).AddDays(5 * i));
            knownAtFold.Add(watch.Elapsed.TotalMilliseconds);
        }
        Print("  the measures for a new window over histories seen before, 20 windows", measuresOnly);
        Print("  histories as known at a new instant (refold only the children with events recorded later), 20 instants", knownAtFold);

        // Warm: the service as it runs, one instance, each query a different window or known-at instant.
        // REPORTS_TO=file writes every report's figures, one line each, to compare two builds' answers.
        var reportsTo = Environment.GetEnvironmentVariable("REPORTS_TO") is { } path ? new StreamWriter(path) : null;
        var warm = new List<double>();
        var warmNow = new List<double>();
        var warmKnownAt = new List<double>();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < queries; i++)
        {
            var window = (i % 3) switch
            {
                0 => ReportWindow.ForYear(2016 + i % 10),
                1 => ReportWindow.EndingOn(new DateOnly(2024, 1, 1).AddDays(i)),
                _ => ReportWindow.ForYear(2025) with { KnownAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i) },
            };
            var watch = Stopwatch.StartNew();
            var report = await reports.ReportAsync(authority, window, CancellationToken.None);
            var ms = watch.Elapsed.TotalMilliseconds;
            warm.Add(ms);
            (window.KnownAt is null ? warmNow : warmKnownAt).Add(ms);
            if (reportsTo is not null) await reportsTo.WriteLineAsync(JsonSerializer.Serialize(report));
        }
        var allocatedPerQuery = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Math.Max(1, queries);
        if (reportsTo is not null) await reportsTo.DisposeAsync();
        Print($"  service path (cached events; the first query also splits, folds and builds the blocks), {queries} queries", warm);
        Print($"    of which as known now, {warmNow.Count} queries", warmNow);
        Print($"    of which knownAt a different instant each, {warmKnownAt.Count} queries", warmKnownAt);
        Console.WriteLine($"  allocated per service-path query: {allocatedPerQuery / 1024.0 / 1024.0:N1} MB");
        using (var process = Process.GetCurrentProcess())
        {
            Console.WriteLine($"  managed heap after the queries (one authority cached): {GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0:N0} MB; " +
                $"peak working set of the whole run: {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MB");
        }

        // The benchmark database is large; it is dropped unless asked to keep it for inspection.
        if (Environment.GetEnvironmentVariable("KEEP_BENCHMARK_DB") is null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestStack.PostgresServer + ";Database=postgres");
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists \"{new NpgsqlConnectionStringBuilder(database).Database}\" with (force)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        return 0;
    }

    private static void Print(string what, List<double> ms)
    {
        ms.Sort();
        double P(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p * ms.Count) - 1)];
        Console.WriteLine($"{what}: p50 {P(0.50):N1} ms, p95 {P(0.95):N1} ms, max {ms[^1]:N1} ms");
    }

    private static async Task Execute(DocumentStore store, string sql)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
