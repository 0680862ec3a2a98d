using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CareTracking.EventStore;
using CareTracking.Reseal;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.Tools;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Spectre.Console;

// reseal-personal-text: see the description below (--help), and docs/security.md ("Erasure").
var masterKeyOption = new Option<string?>("--master-key")
{
    Description = "The master key file the services use (Privacy__MasterKeyFile). Required, unless --development-key.",
    HelpName = "FILE",
    Validators =
    {
        result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } path) return;
            if (!File.Exists(path)) result.AddError($"--master-key '{path}' does not exist.");
            else if (ChildDataKeys.FromKeyFile(File.ReadAllText(path), out var fault) is null) result.AddError($"--master-key '{path}' {fault}.");
        },
    },
};
var developmentKeyOption = new Option<bool>("--development-key")
{
    Description = "Use the built-in development master key, as the local stack (Development) does; never elsewhere.",
};
var connectionOption = MigrationOptions.Connection("the services' roles may not rewrite events");
var schemaOption = MigrationOptions.Schema();
var authorityOption = MigrationOptions.Authority("Only this authority (a three-digit LA code); default every authority with events.");
var batchOption = ToolCommandLine.PositiveCount("--batch-size", "Events rewritten per transaction (default 500): a killed run loses at most one batch.");
var dryRunOption = new Option<bool>("--dry-run") { Description = "Count the plain values per authority and event type; change nothing, make no key." };
var root = new RootCommand(
    "Seals the personal text ([PersonalText] properties) of events stored before sealing began, so that erasure reaches it: "
    + "for each authority, each event whose marked values are plain gets them sealed under its child's data key, as a post "
    + "seals them today (the key made if the child has none; erased if the child was erased), in mt_events and in Indicators' "
    + "copy (ind_events). Nothing else in an event changes. Commits every --batch-size events: run it again after a kill to "
    + "finish; a run with nothing left says so and changes nothing. Prints counts only, never a value or a child.\n"
    + "Exit codes: 0 done (or counted, with --dry-run; also when nothing was left); 1 a child's key did not open under the "
    + "master key (the batches committed before stay correct), or the database refused or could not be reached; 2 bad usage "
    + "(checked before the database is contacted).")
{
    masterKeyOption, developmentKeyOption, connectionOption, schemaOption, authorityOption, batchOption, dryRunOption,
};
root.SetAction(_ => 0);

return await ToolCommandLine.InvokeAsync(root, "reseal-personal-text", args, Console.Out, Console.Error, async parsed =>
{
    var keyFile = parsed.GetValue(masterKeyOption);
    var development = parsed.GetValue(developmentKeyOption);
    if (keyFile is null == !development)
        throw new UsageFault(development ? "--master-key and --development-key are given together." : "--master-key is missing (or --development-key on the local stack).");
    var keys = keyFile is not null
        ? ChildDataKeys.FromKeyFile(File.ReadAllText(keyFile), out _)!
        : ChildDataKeys.Read(new ConfigurationBuilder().Build(), "Development");
    if (keyFile is not null && keys.IsDevelopment) throw new UsageFault("--master-key holds the development master key: give --development-key for the local stack.");
    var connection = MigrationOptions.ConnectionOf(parsed, connectionOption);
    return await ResealAsync(keys, connection, parsed.GetValue(schemaOption)!, parsed.GetValue(authorityOption),
        parsed.GetValue(batchOption) ?? 500, parsed.GetValue(dryRunOption));
});

static async Task<int> ResealAsync(ChildDataKeys keys, string connection, string schema, string? only, int batchSize, bool dryRun)
{
    var types = PersonalTextEvent.Find(PersonalTextEvent.Services);
    // One batch may make a key for each of its children: more than a request's 30 s on a slow disk.
    await using var store = new DocumentStore(new StoreOptions(connection, "reseal-personal-text", schema)
    {
        RequestBudget = TimeSpan.FromMinutes(10),
        MaxPoolSize = 4,
    }, new EventTypeRegistry());
    var job = new Resealing(store, keys, types, batchSize);
    try
    {
        var authorities = only is not null ? [only] : await job.AuthoritiesAsync(CancellationToken.None);
        var plan = new List<ResealCount>();
        foreach (var authority in authorities) plan.AddRange(await job.CountAsync(authority, CancellationToken.None));
        if (dryRun || plan.Count == 0)
        {
            Summary(plan, dryRun ? "dry run: would re-seal" : "", types.Count, authorities.Count);
            Console.WriteLine(plan.Count == 0
                ? $"nothing to re-seal: every personal text value of {types.Count} event type(s) in {authorities.Count} authority(ies) is sealed already; nothing changed"
                : "dry run: nothing changed, no key made");
            return 0;
        }

        var clock = Stopwatch.StartNew();
        var done = new List<ResealCount>();
        var work = plan.GroupBy(c => c.Authority).Select(g => (Authority: g.Key, Events: g.Sum(c => c.Events))).ToList();
        if (!Console.IsErrorRedirected)
        {
            // On a terminal: a bar per authority (its code and counts only).
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await terminal.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var bars = work.ToDictionary(w => w.Authority, w => context.AddTask($"authority {w.Authority}: {w.Events:N0} events", autoStart: false, maxValue: Math.Max(1, w.Events)));
                    foreach (var (authority, _) in work)
                    {
                        bars[authority].StartTask();
                        done.AddRange(await job.RunAsync(authority, new Progress<long>(n => bars[authority].Value = n), CancellationToken.None));
                        bars[authority].Value = bars[authority].MaxValue;
                        bars[authority].StopTask();
                    }
                });
        }
        else
        {
            // Redirected (a log, CI): a line at most every 2 s.
            var shown = Stopwatch.StartNew();
            foreach (var (authority, events) in work)
                done.AddRange(await job.RunAsync(authority, new Progress<long>(n =>
                {
                    if (shown.Elapsed < TimeSpan.FromSeconds(2)) return;
                    shown.Restart();
                    Console.Error.WriteLine($"  authority {authority}: {n:N0} of {events:N0} events");
                }), CancellationToken.None));
        }
        clock.Stop();
        Summary(done, "re-sealed", types.Count, authorities.Count);
        var total = done.Sum(c => c.Events);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"re-sealed {done.Sum(c => c.Values):N0} value(s) in {total:N0} event(s) and {done.Sum(c => c.ProjectionRows):N0} ind_events row(s) "
            + $"in {clock.Elapsed.TotalSeconds:0.0} s ({total / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} events/s)"));
        if (done.Sum(c => c.Unmatched) is > 0 and var unmatched)
            Console.WriteLine($"left plain: {unmatched:N0} event(s) whose stream names no child (an episode without its report); erasure cannot reach them");
        return 0;
    }
    catch (CryptographicException)
    {
        // No child id in the message: the operator needs the fact, not whose key it was.
        Console.Error.WriteLine("reseal-personal-text: a child's key does not open under the master key given (is it the key the services use?); "
            + "the batches committed before stay sealed correctly; run again with the right key to finish.");
        return 1;
    }
    catch (Exception e) when (e is NpgsqlException or PostgresException or InvalidOperationException or Polly.Timeout.TimeoutRejectedException)
    {
        Console.Error.WriteLine($"reseal-personal-text: the database refused or could not be reached: {e.Message}; the batches committed before stay; run again to finish.");
        return 1;
    }
}

// Counts only: the authority's code, the event type, how many events, values and copies.
static void Summary(IReadOnlyList<ResealCount> counts, string heading, int types, int authorities)
{
    if (counts.Count == 0) return;
    Console.WriteLine($"{heading} ({types} event type(s) with personal text, {authorities} authority(ies) with events):");
    Console.WriteLine($"  {"authority",-9}  {"event type",-40}  {"events",10}  {"values",10}  {"ind_events",10}");
    foreach (var c in counts.OrderBy(c => c.Authority, StringComparer.Ordinal).ThenBy(c => c.EventType, StringComparer.Ordinal))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Authority,-9}  {c.EventType,-40}  {c.Events,10:N0}  {c.Values,10:N0}  {c.ProjectionRows,10:N0}"));
}
