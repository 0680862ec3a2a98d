using System.Diagnostics;
using System.Globalization;
using CareTracking.EventStore;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Measures;
using CareTracking.Indicators.Projections;
using CareTracking.Indicators.Reference;
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

        Console.WriteLine($"Generating about {target:N0} events for {authorities} authorities with binary COPY...");
        var clock = Stopwatch.StartNew();
        var written = await SyntheticHistory.WriteAsync(store, target, authorities);
        Console.WriteLine($"  wrote {written:N0} events in {clock.Elapsed.TotalSeconds:N1} s ({written / clock.Elapsed.TotalSeconds:N0} events/s)");
        await Execute(store, $"vacuum analyze {store.Schema}.ct_events");

        Console.WriteLine("Rebuilding the Indicators projection from position zero...");
        var rebuild = await new ProjectionRebuild(store, projection).RunAsync(CancellationToken.None);
        Console.WriteLine($"  rebuild: {rebuild.Events:N0} events in {rebuild.Seconds:N1} s = {rebuild.EventsPerSecond:N0} events/s (target >= 150,000)");
        await Execute(store, $"vacuum analyze {store.Schema}.ind_events");

        var authority = SyntheticHistory.AuthorityCode(0);
        var indicators = new CommitteeIndicators(new StatutoryReviewTimeliness(WorkingDays.England));
        var events = new ProjectedEvents(store);
        var reports = new CommitteeReports(events, reference, indicators, IndicatorSwitches.Default);
        var perAuthority = (await events.LoadAsync(authority, CancellationToken.None)).Count;
        Console.WriteLine($"Committee queries for authority {authority} ({perAuthority:N0} projected events):");

        // Cold: a new instance each time, so every query reads and deserializes the authority's events.
        var cold = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var fresh = new CommitteeReports(new ProjectedEvents(store), reference, indicators, IndicatorSwitches.Default);
            var watch = Stopwatch.StartNew();
            await fresh.ReportAsync(authority, ReportWindow.ForYear(2025), CancellationToken.None);
            cold.Add(watch.Elapsed.TotalMilliseconds);
        }
        Print("  uncached (read + deserialize + fold + compute), 10 queries", cold);

        // Where a query's time goes, without the database: folding events into histories, then the measures.
        var loaded = await events.LoadAsync(authority, CancellationToken.None);
        var fold = new List<double>();
        var compute = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var watch = Stopwatch.StartNew();
            var histories = ChildHistories.Build(authority, loaded, null).Select(r => r.History).ToList();
            fold.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            indicators.Compute(histories, ReportWindow.ForYear(2025), IndicatorSwitches.Default, ReferenceFigures.None);
            compute.Add(watch.Elapsed.TotalMilliseconds);
        }
        Print("  fold events into histories, 10 times", fold);
        Print("  compute the measures from histories, 10 times", compute);

        // Warm: the service as it runs, one instance, each query a different window or known-at instant.
        var warm = new List<double>();
        for (var i = 0; i < queries; i++)
        {
            var window = (i % 3) switch
            {
                0 => ReportWindow.ForYear(2016 + i % 10),
                1 => ReportWindow.EndingOn(new DateOnly(2024, 1, 1).AddDays(i)),
                _ => ReportWindow.ForYear(2025) with { KnownAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i) },
            };
            var watch = Stopwatch.StartNew();
            await reports.ReportAsync(authority, window, CancellationToken.None);
            warm.Add(watch.Elapsed.TotalMilliseconds);
        }
        Print($"  service path (cached events, fold + compute), {queries} queries", warm);

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
