using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using CareTracking.ServiceDefaults.Privacy;
using CareTracking.Tools;
using Npgsql;

// rotate-master-key: see the description below (--help), and docs/security.md ("Keys").
Option<string?> KeyFile(string name, string description) => new(name)
{
    Description = description,
    HelpName = "FILE",
    Validators =
    {
        result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } path) return;
            if (!File.Exists(path)) result.AddError($"{name} '{path}' does not exist.");
            else if (ChildDataKeys.FromKeyFile(File.ReadAllText(path), out var fault) is null) result.AddError($"{name} '{path}' {fault}.");
        },
    },
};
var currentOption = KeyFile("--current", "The master key file the services use now (Privacy__MasterKeyFile). Required.");
var nextOption = KeyFile("--next", "The new master key file (`openssl rand -base64 32 > next.key`). Required; not the same key.");
var connectionOption = MigrationOptions.Connection("only it may re-wrap a key");
var schemaOption = MigrationOptions.Schema();
var dryRunOption = new Option<bool>("--dry-run") { Description = "Open every key under --current and wrap it under --next, then roll back: changes nothing." };
var root = new RootCommand(
    "Rotates the master key that wraps every child's data key (crypto-shredding): in one transaction, opens each key "
    + "that is not erased with --current and wraps it again with --next. The children's keys and the events do not change; "
    + "erased keys stay erased. Then mount --next as Privacy__MasterKeyFile, restart every service, and destroy --current "
    + "once no backup needs it.\n"
    + "Exit codes: 0 rotated (or checked, with --dry-run); 1 a key did not open under --current (nothing changed), or "
    + "the database refused or could not be reached; 2 bad usage (checked before the database is contacted).")
{
    currentOption, nextOption, connectionOption, schemaOption, dryRunOption,
};
root.SetAction(_ => 0);

return await ToolCommandLine.InvokeAsync(root, "rotate-master-key", args, Console.Out, Console.Error, async parsed =>
{
    var current = ChildDataKeys.FromKeyFile(File.ReadAllText(parsed.GetValue(currentOption) ?? throw new UsageFault("--current is missing.")), out _)!;
    var next = ChildDataKeys.FromKeyFile(File.ReadAllText(parsed.GetValue(nextOption) ?? throw new UsageFault("--next is missing.")), out _)!;
    if (current.SameMasterKey(next)) throw new UsageFault("--next holds the same key as --current.");
    if (next.IsDevelopment) throw new UsageFault("--next holds the development master key, which is refused outside Development and Testing.");
    var connection = MigrationOptions.ConnectionOf(parsed, connectionOption);
    var dryRun = parsed.GetValue(dryRunOption);
    return await RotateAsync(current, next, connection, parsed.GetValue(schemaOption)!, dryRun);
});

static async Task<int> RotateAsync(ChildDataKeys current, ChildDataKeys next, string connection, string schema, bool dryRun)
{
    // A line at most every 2 s: a large authority has hundreds of thousands of keys, one update each.
    var shown = Stopwatch.StartNew();
    var progress = new Progress<(int Done, int Total)>(p =>
    {
        if (shown.Elapsed < TimeSpan.FromSeconds(2) && p.Done < p.Total) return;
        shown.Restart();
        Console.Error.WriteLine($"  re-wrapped {p.Done:N0} of {p.Total:N0} keys");
    });
    try
    {
        var keys = await current.RewrapAllAsync(connection, schema, next, CancellationToken.None, dryRun, progress);
        Console.WriteLine(dryRun
            ? $"checked {keys:N0} key(s): each opens under --current and was wrapped under --next; rolled back, nothing changed"
            : $"re-wrapped {keys:N0} key(s) under --next; now mount it as Privacy__MasterKeyFile and restart every service");
        return 0;
    }
    catch (CryptographicException)
    {
        // No child id in the message: the operator needs the fact, not whose key it was.
        Console.Error.WriteLine("rotate-master-key: a child's key does not open under --current (is it the key the services use now?); nothing changed.");
        return 1;
    }
    catch (Exception e) when (e is NpgsqlException or PostgresException or InvalidOperationException)
    {
        Console.Error.WriteLine($"rotate-master-key: the database refused or could not be reached: {e.Message}; nothing changed.");
        return 1;
    }
}
