using System.Diagnostics;
using System.Text.RegularExpressions;
using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareTracking.Benchmarks;

[EventType("bench.thing-recorded", 1)]
public sealed record ThingRecorded(string ChildId, string Code, DateOnly Date);

/// <summary>The same fact with a reason in free text, which the services seal (a retraction's or a move's reason).</summary>
[EventType("bench.reason-recorded", 1)]
public sealed record ReasonRecorded(string ChildId, string Code, DateOnly Date, [property: PersonalText] string Reason);

/// <summary>
/// Append throughput and latency of the event store with 1 and 8 writers (single-event appends to new
/// streams), beside pgbench running the equivalent single transaction (insert a stream row and an event row)
/// against the same server in the same run; then the rate at which a counting projection rebuilds. With
/// <c>--sealing</c>, each writer count also measures appends whose personal text is sealed first, as the services'
/// request path does (<see cref="Sealing.SealAsync"/>): for a new child (its key made) and a known one (its key read).
/// </summary>
public static class EventStoreBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 15);
        var rebuildEvents = Option(args, "--rebuild-events", 1_000_000);
        var sealing = args.Contains("--sealing");
        var connection = await TestStack.CreateDatabaseAsync("ct_bench");
        Console.WriteLine($"database: {new NpgsqlConnectionStringBuilder(connection).Database} on {TestStack.PostgresServer.Split(";Username")[0]}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; run of {seconds}s per measurement");

        // --trace-sql prints what one save sends (Npgsql's log) before measuring; --writers 1,8 (the default) the
        // writer counts measured; --sealing adds the sealed rows (above).

        // As deployed: the store runs as the restricted role, under row-level security; the superuser applies the schema.
        // The store's pool carries its own application name, so the probe can tell its PostgreSQL backends apart.
        var appRole = await TestStack.AsAppRoleAsync(connection);
        var store = new DocumentStore(
            new StoreOptions(new NpgsqlConnectionStringBuilder(appRole) { ApplicationName = ApplicationName }.ConnectionString, "bench")
            {
                MigrationConnectionString = connection,
            },
            new EventTypeRegistry().Register<ThingRecorded>().Register<ReasonRecorded>());
        await store.ApplySchemaAsync();

        // The services' own keys: the development master key, as in Testing. Keys are made and read through the
        // store's request role, in a transaction of their own, as on the request path (ChildDataKeys.ForSealingAsync).
        var keys = ChildDataKeys.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), "Testing");
        Func<string, Task<object>> SealedFor(Func<string, string> keyOwner) => async child =>
            (await Sealing.SealAsync(new PersonalData(keys, keyOwner(child)), store, "831",
                [new ReasonRecorded(child, "U4", new DateOnly(2025, 4, 1), "Moved after a disagreement with the carer")], CancellationToken.None))[0];
        // A new child: the key is made in the append's own request (an entry to care, the worst case).
        var newChild = SealedFor(child => child);
        // A known child: its key already exists and is read (a move, a header change). The streams stay new, so the
        // three rows differ only in the sealing; the keys are those of 1,000 children made before measuring, taken in turn.
        var turn = 0;
        var knownChild = SealedFor(_ => $"known-{(uint)Interlocked.Increment(ref turn) % KnownChildren}");

        // Warm both sides before measuring: the first seconds of the store's appends pay for JIT, tiered compilation
        // and opening the pool, which the C pgbench never does; measured cold, the 1-writer row (always first) read
        // 43 % in one run and 65 % in the next on the same quiet machine (3 Dec 2026).
        await PgbenchAsync(connection, 1, 3);
        await AppendAsync(store, 8, 3, "warm-");
        if (sealing)
        {
            await AppendAsync(store, 8, 3, "warm-sealed-", newChild);
            await Parallel.ForEachAsync(Enumerable.Range(0, KnownChildren), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (i, ct) => await keys.ForSealingAsync(store, "831", $"known-{i}", ct));
        }

        if (args.Contains("--trace-sql"))
            await TraceSqlAsync(appRole, connection);

        Console.WriteLine();
        if (sealing)
        {
            Console.WriteLine("| writers | append | pgbench tps | store appends/s | ratio | to plain | p50 ms | p95 ms | p99 ms |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        }
        else
        {
            Console.WriteLine("| writers | pgbench tps | store appends/s | ratio | p50 ms | p95 ms | p99 ms |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        }
        var ratios = new List<double>();
        var sealedRatios = new List<double>();
        var costs = new List<(int Writers, string Side, double Rate, Cost Cost)>();
        foreach (var writers in Text(args, "--writers", "1,8").Split(',').Select(int.Parse))
        {
            var probe = await CostProbe.StartAsync(connection, "pgbench");
            var (pgbench, transactions) = await PgbenchAsync(connection, writers, seconds);
            costs.Add((writers, "pgbench", pgbench, await probe.StopAsync(transactions, clientIsChild: true)));
            // On stderr, for a profiler to attach to this phase: dotnet-trace collect -p PID.
            Console.Error.WriteLine($"measuring the store with {writers} writers, pid {Environment.ProcessId}");
            probe = await CostProbe.StartAsync(connection, ApplicationName);
            var (rate, latencies) = await AppendAsync(store, writers, seconds, "m-");
            costs.Add((writers, "store", rate, await probe.StopAsync(latencies.Count)));
            ratios.Add(rate / pgbench);
            if (!sealing)
            {
                Console.WriteLine($"| {writers} | {pgbench:F0} | {rate:F0} | {rate / pgbench:P0} | {Pct(latencies, 50):F2} | {Pct(latencies, 95):F2} | {Pct(latencies, 99):F2} |");
                continue;
            }
            Console.WriteLine($"| {writers} | plain | {pgbench:F0} | {rate:F0} | {rate / pgbench:P0} | | {Pct(latencies, 50):F2} | {Pct(latencies, 95):F2} | {Pct(latencies, 99):F2} |");
            // Beside the same pgbench figure; a sealed row's latency is the seal (with its key transaction) and the save.
            foreach (var (side, run, eventFor) in new[] { ("sealed, new child", "sn-", newChild), ("sealed, known child", "sk-", knownChild) })
            {
                Console.Error.WriteLine($"measuring {side} with {writers} writers");
                probe = await CostProbe.StartAsync(connection, ApplicationName);
                var (sealedRate, sealedLatencies) = await AppendAsync(store, writers, seconds, run, eventFor);
                costs.Add((writers, side, sealedRate, await probe.StopAsync(sealedLatencies.Count)));
                sealedRatios.Add(sealedRate / pgbench);
                Console.WriteLine($"| {writers} | {side} | {pgbench:F0} | {sealedRate:F0} | {sealedRate / pgbench:P0} | {sealedRate / rate:F2} | {Pct(sealedLatencies, 50):F2} | {Pct(sealedLatencies, 95):F2} | {Pct(sealedLatencies, 99):F2} |");
            }
        }
        Console.WriteLine($"target: store appends >= 60% of pgbench's rate -> {(ratios.All(r => r >= 0.6) ? "met" : "NOT met")}");
        if (sealing)
            Console.WriteLine($"target, sealed appends: >= 60% of pgbench's rate -> {(sealedRatios.All(r => r >= 0.6) ? "met" : "NOT met")}");

        // Where the time goes, per append (pgbench: per transaction). Client CPU: this process (pgbench: its own
        // process); server CPU: the backends serving the measured connections. Where the writers are: pg_stat_activity
        // sampled every 50 ms, the mean number of backends in each state ("idle in transaction": inside a transaction,
        // waiting for the client's next statement); the writers not in the server are in the client (its CPU, the
        // pool, the network, or waiting for a core).
        Console.WriteLine();
        Console.WriteLine("| writers | side | per s | client CPU µs | server CPU µs | alloc KB | GCs 0/1/2 | lock contentions | exceptions | backends | writers in server (states) | writers in client | pool threads (queue) | machine busy cores | load |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---|---:|---|");
        foreach (var (writers, side, rate, c) in costs)
            Console.WriteLine(
                $"| {writers} | {side} | {rate:F0} | {c.ClientCpuMicros:F0} | {c.ServerCpuMicros:F0} | {c.AllocatedBytes / 1024:F1} | {c.Gcs} | {c.Contentions:F2} | {c.Exceptions:F2} | {c.Backends} | {c.InServer:F2} ({c.States}) | {writers - c.InServer:F2} | {c.Threads} | {c.MachineBusyCores:F2} | {c.Load} |");

        Console.WriteLine();
        if (rebuildEvents > 0)
        {
            var rebuildRate = await RebuildAsync(store, connection, rebuildEvents);
            Console.WriteLine($"target: rebuild >= 150,000 events/s -> {(rebuildRate >= 150_000 ? "met" : "NOT met")}");
        }
        await store.DisposeAsync();
        await TestStack.DropDatabaseAsync(connection);
        return 0;
    }

    private const string ApplicationName = "ct-bench-store";

    private const int KnownChildren = 1_000;

    /// <summary>
    /// Prints what one save sends, from Npgsql's own log of a store opened for it: a new stream, then an append to
    /// it at its expected version, each the sixth of its kind, so Npgsql has prepared the statements.
    /// </summary>
    private static async Task TraceSqlAsync(string appRole, string superuser)
    {
        var trace = new SqlTrace();
        await using var store = new DocumentStore(
            new StoreOptions(new NpgsqlConnectionStringBuilder(appRole) { ApplicationName = ApplicationName + "-trace" }.ConnectionString, "bench")
            {
                MigrationConnectionString = superuser,
                NpgsqlLogging = trace,
            },
            new EventTypeRegistry().Register<ThingRecorded>());
        var e = () => new PendingEvent(new ThingRecorded("c", "U4", new DateOnly(2025, 4, 1)), new DateOnly(2025, 4, 1));
        for (var i = 0; i < 6; i++)
        {
            trace.Clear();
            var session = store.LightweightSession("831");
            session.Events.StartStream("child", $"trace-{i}", e());
            await session.SaveChangesAsync();
        }
        Console.WriteLine();
        Console.WriteLine("A new stream (Npgsql's log of the sixth save):");
        foreach (var line in trace.Lines) Console.WriteLine("  " + (line.Length > 700 ? line[..700] + "…" : line));
        for (var i = 0; i < 6; i++)
        {
            trace.Clear();
            var session = store.LightweightSession("831");
            session.Events.Append("child", "trace-0", 1 + i, e());
            await session.SaveChangesAsync();
        }
        Console.WriteLine("An append at the expected version (the sixth):");
        foreach (var line in trace.Lines) Console.WriteLine("  " + (line.Length > 700 ? line[..700] + "…" : line));
    }

    private static async Task<(double Tps, long Transactions)> PgbenchAsync(string connection, int clients, int seconds)
    {
        var b = new NpgsqlConnectionStringBuilder(connection);
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                """
                create table if not exists pgb_streams (authority text, stream_id text, version bigint, primary key (authority, stream_id));
                create table if not exists pgb_events (seq_id bigserial primary key, authority text, stream_id text, version bigint,
                  event_id uuid unique, event_type text, data jsonb, recorded_at timestamptz default now());
                """, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script,
            """
            \set n random(1, 1000000000)
            BEGIN;
            INSERT INTO pgb_streams VALUES ('831', 'child-' || :client_id || '-' || :n || '-' || random(), 1);
            INSERT INTO pgb_events (authority, stream_id, version, event_id, event_type, data) VALUES ('831', 'c' || :n, 1, gen_random_uuid(), 'bench.thing-recorded.v1', '{"childId":"c","code":"U4","date":"2025-04-01"}');
            END;
            """);
        var psi = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pgbench",
            ["-n", "-h", b.Host!, "-p", b.Port.ToString(), "-U", b.Username!, "-c", clients.ToString(), "-j", Math.Min(clients, 2).ToString(),
             "-T", seconds.ToString(), "-f", script, b.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["PGPASSWORD"] = b.Password;
        psi.Environment["PGAPPNAME"] = "pgbench";
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var m = Regex.Match(output, @"tps = ([\d.]+) \(without initial connection time\)");
        var n = Regex.Match(output, @"number of transactions actually processed: (\d+)");
        if (!m.Success || !n.Success) throw new InvalidOperationException("pgbench failed: " + output);
        return (double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(n.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Single-event appends to new streams; <paramref name="eventFor"/>, when given, makes each stream's event
    /// (sealing it) inside the timed part, as the request path seals right before it saves.</summary>
    private static async Task<(double Rate, List<double> LatenciesMs)> AppendAsync(DocumentStore store, int writers, int seconds, string run = "w",
        Func<string, Task<object>>? eventFor = null)
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * seconds;
        var all = new List<double>[writers];
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = all[w] = new List<double>(100_000);
            var n = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                var session = store.LightweightSession("831");
                var child = $"{run}{writers}-{w}-{n++}";
                if (eventFor is null)
                {
                    session.Events.StartStream("child", child,
                        new PendingEvent(new ThingRecorded("c", "U4", new DateOnly(2025, 4, 1)), new DateOnly(2025, 4, 1)));
                }
                var t = Stopwatch.GetTimestamp();
                if (eventFor is not null)
                    session.Events.StartStream("child", child, new PendingEvent(await eventFor(child), new DateOnly(2025, 4, 1)));
                await session.SaveChangesAsync();
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })));
        var latencies = all.SelectMany(x => x).Order().ToList();
        return (latencies.Count / started.Elapsed.TotalSeconds, latencies);
    }

    /// <summary>Counts events per type into a read model, checkpointing per batch, as any projection does.</summary>
    private sealed class CountingProjection(string schema) : IProjection
    {
        public string Name => "bench-counts";
        public async Task ApplyAsync(IReadOnlyList<StoredEvent> batch, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
        {
            foreach (var group in batch.GroupBy(e => e.EventType))
            {
                await using var cmd = new NpgsqlCommand(
                    $"insert into {schema}.bench_counts values (@t, @n) on conflict (event_type) do update set events = bench_counts.events + excluded.events", conn, tx);
                cmd.Parameters.AddWithValue("t", group.Key);
                cmd.Parameters.AddWithValue("n", (long)group.Count());
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        public async Task ResetAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand($"truncate {schema}.bench_counts", conn, tx);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<double> RebuildAsync(DocumentStore store, string superuser, int events)
    {
        await using (var conn = await store.DataSource.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand($"create table if not exists {store.Schema}.bench_counts (event_type text primary key, events bigint)", conn))
            await cmd.ExecuteNonQueryAsync();
        // The bulk load bypasses the store (and row-level security) as the superuser, who owns the tables.
        await using (var conn = new NpgsqlConnection(superuser))
        {
            await conn.OpenAsync();
            var fill = Stopwatch.StartNew();
            await using var cmd = new NpgsqlCommand(
                $"""
                insert into {store.Schema}.mt_streams (tenant_id, id, type, version)
                select '831', 'r-' || s, 'thing', least(10, @n - s * 10) from generate_series(0, (@n - 1) / 10) s;
                insert into {store.Schema}.mt_events (seq_id, tenant_id, stream_id, version, id, type, data, headers, timestamp)
                select nextval('{store.Schema}.mt_events_sequence'), '831', 'r-' || (i / 10), i % 10 + 1, gen_random_uuid(), 'bench.thing-recorded.v1',
                       jsonb_build_object('childId', 'r-' || (i / 10), 'code', 'U4', 'date', '2025-04-01'),
                       jsonb_build_object('effectiveDate', '2025-04-01'), now()
                from generate_series(0, @n - 1) i;
                analyze {store.Schema}.mt_streams;
                analyze {store.Schema}.mt_events;
                """, conn);
            cmd.CommandTimeout = 600;
            cmd.Parameters.AddWithValue("n", events);
            await cmd.ExecuteNonQueryAsync();
            Console.WriteLine($"loaded {events:N0} events for the rebuild in {fill.Elapsed.TotalSeconds:F1}s");
        }
        var total = 0L;
        await using (var conn = await store.SystemDataSource.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand($"select count(*) from {store.Schema}.mt_events", conn))
            total = (long)(await cmd.ExecuteScalarAsync())!;

        var projection = new CountingProjection(store.Schema);
        await Checkpoints.ResetAsync(store, projection);
        var runner = new ProjectionRunner(store, projection, new ProjectionOptions { BatchSize = 10_000 }, NullLogger.Instance);
        var watch = Stopwatch.StartNew();
        var applied = 0L;
        await using (var conn = await store.SystemDataSource.OpenConnectionAsync())
            for (int n; (n = await runner.ProcessBatchAsync(conn, CancellationToken.None)) > 0;)
                applied += n;
        var rate = applied / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"rebuild: {applied:N0} of {total:N0} events in {watch.Elapsed.TotalSeconds:F2}s = {rate:N0} events/s (batch 10,000, deserializing every event)");
        return rate;
    }

    private static double Pct(List<double> sorted, int p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p / 100.0))];

    private static string Text(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }
}
