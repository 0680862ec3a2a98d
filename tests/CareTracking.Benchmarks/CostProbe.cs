using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace CareTracking.Benchmarks;

/// <summary>
/// Where one measurement's time goes, taken around it: this process's CPU time, allocations, GCs and lock
/// contentions; the CPU time of the PostgreSQL backends serving the measured connections (read from /proc, so only
/// with the server on this machine); what those backends were doing, sampled from <c>pg_stat_activity</c> every
/// 50 ms (on CPU, waiting on a lock or I/O, idle inside a transaction waiting for the client, idle between saves);
/// the thread pool; and the machine's load and CPU.
/// </summary>
internal sealed class CostProbe
{
    private readonly string applicationName;
    private readonly NpgsqlConnection sampler;
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<string, int> states = [];
    private readonly Dictionary<int, long> backendTicksAtStart = [];
    private Task? sampling;
    private int samples, activeBackendSamples, maxThreads;
    private long pendingWorkItems;
    private readonly HashSet<int> pids = [];
    private readonly Dictionary<int, long> lastTicks = []; // pgbench's backends end with it: their last reading

    private TimeSpan cpuAtStart;
    private long childCpuAtStart, allocatedAtStart, contentionsAtStart, exceptions;
    private int gen0AtStart, gen1AtStart, gen2AtStart;
    private (long Busy, long Total) machineAtStart;
    private string loadAtStart = "";

    private CostProbe(string applicationName, NpgsqlConnection sampler)
    {
        this.applicationName = applicationName;
        this.sampler = sampler;
    }

    /// <summary>Starts probing the backends whose connections carry <paramref name="applicationName"/>.</summary>
    public static async Task<CostProbe> StartAsync(string superuser, string applicationName)
    {
        // The sampler connects to another database, as a connection of its own, so it is not among what it samples.
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuser) { Database = "postgres", Pooling = false, ApplicationName = "ct-bench-probe" }.ConnectionString);
        await conn.OpenAsync();
        var probe = new CostProbe(applicationName, conn);
        foreach (var pid in await probe.BackendPidsAsync())
            probe.backendTicksAtStart[pid] = BackendTicks(pid);
        probe.loadAtStart = LoadAverage();
        probe.machineAtStart = MachineCpu();
        probe.childCpuAtStart = ChildrenCpuMicros();
        probe.cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        probe.allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
        probe.contentionsAtStart = Monitor.LockContentionCount;
        (probe.gen0AtStart, probe.gen1AtStart, probe.gen2AtStart) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        AppDomain.CurrentDomain.FirstChanceException += probe.CountException;
        probe.sampling = Task.Run(probe.SampleAsync);
        return probe;
    }

    private void CountException(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) =>
        Interlocked.Increment(ref exceptions);

    private async Task SampleAsync()
    {
        await using var cmd = new NpgsqlCommand(
            """
            select pid, coalesce(state, ''), coalesce(wait_event_type, ''), coalesce(wait_event, '')
            from pg_stat_activity where application_name = @app and backend_type = 'client backend'
            """, sampler);
        cmd.Parameters.AddWithValue("app", applicationName);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var active = 0;
                await using (var reader = await cmd.ExecuteReaderAsync(stop.Token))
                    while (await reader.ReadAsync(stop.Token))
                    {
                        var pid = reader.GetInt32(0);
                        pids.Add(pid);
                        if (BackendTicks(pid) is >= 0 and var ticks) lastTicks[pid] = ticks;
                        var (state, type, wait) = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
                        var key = state switch
                        {
                            "active" when type == "" => "active, on CPU",
                            "active" => $"active, {type}:{wait}",
                            // A backend inside a transaction waiting for the client's next statement (ClientRead).
                            "idle in transaction" => "idle in transaction",
                            _ => state,
                        };
                        if (state == "active") active++;
                        // Idle connections of the pool say nothing of where a writer is: counted only as backends.
                        if (state != "idle") states[key] = states.GetValueOrDefault(key) + 1;
                    }
                samples++;
                activeBackendSamples += active;
                maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                pendingWorkItems += ThreadPool.PendingWorkItemCount;
                await Task.Delay(50, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }
    }

    /// <summary>Stops probing: the costs per unit of work (<paramref name="units"/> appends or transactions).</summary>
    public async Task<Cost> StopAsync(long units, bool clientIsChild = false)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        var childCpu = ChildrenCpuMicros() - childCpuAtStart;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedAtStart;
        var contentions = Monitor.LockContentionCount - contentionsAtStart;
        var gcs = $"{GC.CollectionCount(0) - gen0AtStart}/{GC.CollectionCount(1) - gen1AtStart}/{GC.CollectionCount(2) - gen2AtStart}";
        var machine = MachineCpu();
        var load = LoadAverage();
        AppDomain.CurrentDomain.FirstChanceException -= CountException;
        await stop.CancelAsync();
        await sampling!;
        var backendTicks = 0L;
        foreach (var pid in (await BackendPidsAsync()).Concat(pids).Distinct())
        {
            var ticks = BackendTicks(pid);
            if (ticks < 0) ticks = lastTicks.GetValueOrDefault(pid, -1);
            if (ticks >= 0) backendTicks += ticks - backendTicksAtStart.GetValueOrDefault(pid);
        }
        await sampler.DisposeAsync();

        var perUnit = Math.Max(units, 1);
        var busyCores = (machine.Busy - machineAtStart.Busy) / (double)Math.Max(1, machine.Total - machineAtStart.Total) * Environment.ProcessorCount;
        var backendSeconds = backendTicks / TicksPerSecond;
        var n = Math.Max(1, samples);
        return new Cost(
            ClientCpuMicros: (clientIsChild ? childCpu : cpu.TotalMicroseconds) / perUnit,
            ServerCpuMicros: backendSeconds * 1e6 / perUnit,
            AllocatedBytes: clientIsChild ? double.NaN : allocated / (double)perUnit,
            Gcs: clientIsChild ? "-" : gcs,
            Contentions: clientIsChild ? double.NaN : contentions / (double)perUnit,
            Exceptions: clientIsChild ? double.NaN : Interlocked.Read(ref exceptions) / (double)perUnit,
            Backends: pids.Count,
            MeanActive: samples == 0 ? 0 : activeBackendSamples / (double)samples,
            InServer: states.Values.Sum() / (double)n,
            States: string.Join("; ", states.OrderByDescending(x => x.Value).Select(x => $"{x.Key} {x.Value / (double)n:F2}")),
            Threads: clientIsChild ? "-" : $"{maxThreads} (queue {(samples == 0 ? 0 : pendingWorkItems / (double)samples):F1})",
            MachineBusyCores: busyCores,
            Load: $"{loadAtStart} → {load}");
    }

    private async Task<List<int>> BackendPidsAsync()
    {
        await using var cmd = new NpgsqlCommand("select pid from pg_stat_activity where application_name = @app", sampler);
        cmd.Parameters.AddWithValue("app", applicationName);
        var result = new List<int>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add(reader.GetInt32(0));
        return result;
    }

    /// <summary>/proc reports CPU time in USER_HZ, 100 a second on Linux.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>A process's user and system CPU time in ticks (fields 14 and 15 of /proc/PID/stat); -1 when gone.</summary>
    private static long BackendTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return -1; }
    }

    private static (long Busy, long Total) MachineCpu()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var total = cpu.Sum();
        return (total - cpu[3] - cpu[4], total);
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(1));

    /// <summary>The CPU time of this process's children that have ended (pgbench), in microseconds.</summary>
    private static long ChildrenCpuMicros()
    {
        if (GetRusage(-1 /* RUSAGE_CHILDREN */, out var u) != 0) return 0;
        return (u.UserSeconds + u.SystemSeconds) * 1_000_000 + u.UserMicros + u.SystemMicros;
    }

    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct RUsage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out RUsage usage);
}

/// <summary>One measurement's costs per append (or per pgbench transaction).</summary>
internal sealed record Cost(
    double ClientCpuMicros, double ServerCpuMicros, double AllocatedBytes, string Gcs, double Contentions, double Exceptions,
    int Backends, double MeanActive, double InServer, string States, string Threads, double MachineBusyCores, string Load);
